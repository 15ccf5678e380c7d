//! The colours the app computes rather than takes from the taxonomy: the fill of a claim
//! in the reader (from its kind's colour, for the dark or the light theme), the
//! selection and search marks, the text colour on a fill, and the comparison view's
//! one colour scale. With them the measures that check these choices: CIE L\*a\*b\*,
//! the CIEDE2000 colour difference, WCAG contrast, and a simulation of colour-vision
//! deficiency.
//!
//! It computes colours from colours and nothing else: no project, no views, no painting.
//!
//! # Why a kind's fill is computed
//!
//! A project carries its own taxonomy colours, chosen to read as swatches, underlines and
//! badges (brat's `visual.conf`, the HTML report). As a fill behind text the same colours
//! failed: at a fixed opacity, dark kinds (Prediction's brown, Historical's grey) all but
//! vanished on the dark background, and a reader cannot change a project's colours per
//! theme. [`claim_fill`] therefore keeps a kind's hue, scales its chroma and maps its
//! lightness into a band of the theme: darker than the text and well above the
//! background on the dark theme, well below the background on the light one. Kinds keep
//! their order of lightness and chroma, so kinds that differ in those still differ.
//!
//! The selection and the search marks ([`ReaderColours`]) lie outside that band — light
//! on the dark theme, dark or strongly saturated on the light one — so that nothing but a
//! claim looks like a claim. The tests below check every choice with numbers.

use egui::Color32;

/// A colour in CIE L\*a\*b\* (D65 white): L from 0 (black) to 100 (white).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Lab {
    /// Lightness, 0–100.
    pub l: f64,
    /// Green (negative) to red (positive).
    pub a: f64,
    /// Blue (negative) to yellow (positive).
    pub b: f64,
}

/// D65 reference white in XYZ.
const WHITE: [f64; 3] = [0.950_47, 1.0, 1.088_83];

/// An sRGB channel (0–255) as linear light (0–1).
pub fn srgb_to_linear(channel: u8) -> f64 {
    let c = f64::from(channel) / 255.0;
    if c <= 0.040_45 { c / 12.92 } else { ((c + 0.055) / 1.055).powf(2.4) }
}

/// Linear light (clamped to 0–1) as an sRGB channel.
pub fn linear_to_srgb(value: f64) -> u8 {
    let v = value.clamp(0.0, 1.0);
    let c = if v <= 0.003_130_8 { 12.92 * v } else { 1.055 * v.powf(1.0 / 2.4) - 0.055 };
    // In 0..=255 after the clamp, so the cast cannot truncate.
    (c * 255.0).round() as u8
}

fn linear_rgb(colour: Color32) -> [f64; 3] {
    [srgb_to_linear(colour.r()), srgb_to_linear(colour.g()), srgb_to_linear(colour.b())]
}

fn from_linear(rgb: [f64; 3]) -> Color32 {
    Color32::from_rgb(linear_to_srgb(rgb[0]), linear_to_srgb(rgb[1]), linear_to_srgb(rgb[2]))
}

fn xyz(colour: Color32) -> [f64; 3] {
    let [r, g, b] = linear_rgb(colour);
    [
        0.412_456_4 * r + 0.357_576_1 * g + 0.180_437_5 * b,
        0.212_672_9 * r + 0.715_152_2 * g + 0.072_175_0 * b,
        0.019_333_9 * r + 0.119_192_0 * g + 0.950_304_1 * b,
    ]
}

/// The relative luminance of WCAG 2 (the Y of XYZ), 0–1.
pub fn relative_luminance(colour: Color32) -> f64 {
    xyz(colour)[1]
}

/// WCAG 2's contrast ratio of two colours, from 1 (same) to 21 (black on white). Normal
/// text needs 4.5 (level AA).
pub fn contrast_ratio(a: Color32, b: Color32) -> f64 {
    let (la, lb) = (relative_luminance(a), relative_luminance(b));
    (la.max(lb) + 0.05) / (la.min(lb) + 0.05)
}

/// Black or white, whichever has the higher contrast on `fill`.
pub fn text_on(fill: Color32) -> Color32 {
    if contrast_ratio(fill, Color32::BLACK) >= contrast_ratio(fill, Color32::WHITE) {
        Color32::BLACK
    } else {
        Color32::WHITE
    }
}

/// The colour in CIE L\*a\*b\*.
pub fn lab(colour: Color32) -> Lab {
    let f = |t: f64| if t > 216.0 / 24389.0 { t.cbrt() } else { (24389.0 / 27.0 * t + 16.0) / 116.0 };
    let [x, y, z] = xyz(colour);
    let (fx, fy, fz) = (f(x / WHITE[0]), f(y / WHITE[1]), f(z / WHITE[2]));
    Lab { l: 116.0 * fy - 16.0, a: 500.0 * (fx - fy), b: 200.0 * (fy - fz) }
}

/// Linear sRGB of a Lab colour, possibly outside 0–1 (out of gamut).
fn lab_to_linear(lab: Lab) -> [f64; 3] {
    let fy = (lab.l + 16.0) / 116.0;
    let (fx, fz) = (fy + lab.a / 500.0, fy - lab.b / 200.0);
    let inverse =
        |t: f64| if t.powi(3) > 216.0 / 24389.0 { t.powi(3) } else { (116.0 * t - 16.0) / (24389.0 / 27.0) };
    let (x, y, z) = (inverse(fx) * WHITE[0], inverse(fy) * WHITE[1], inverse(fz) * WHITE[2]);
    [
        3.240_454_2 * x - 1.537_138_5 * y - 0.498_531_4 * z,
        -0.969_266_0 * x + 1.876_010_8 * y + 0.041_556_0 * z,
        0.055_643_4 * x - 0.204_025_9 * y + 1.057_225_2 * z,
    ]
}

/// The sRGB colour of lightness `l`, chroma `chroma` and hue `hue` (radians); where that
/// lies outside sRGB, the most saturated colour of that lightness and hue that does not.
pub fn from_lch(l: f64, chroma: f64, hue: f64) -> Color32 {
    let at = |c: f64| lab_to_linear(Lab { l, a: c * hue.cos(), b: c * hue.sin() });
    let inside = |rgb: [f64; 3]| rgb.iter().all(|v| (-1e-9..=1.0 + 1e-9).contains(v));
    if inside(at(chroma)) {
        return from_linear(at(chroma));
    }
    // Bisect the chroma: grey (chroma 0) of any lightness is inside.
    let (mut low, mut high) = (0.0, chroma);
    for _ in 0..24 {
        let middle = (low + high) / 2.0;
        if inside(at(middle)) {
            low = middle;
        } else {
            high = middle;
        }
    }
    from_linear(at(low))
}

/// The CIEDE2000 colour difference (Sharma, Wu and Dalal, "The CIEDE2000 colour-difference
/// formula: implementation notes, supplementary test data, and mathematical
/// observations", Color Research & Application 30(1), 2005). About 1 is the smallest
/// difference seen side by side; 10 and more reads as another colour.
pub fn delta_e_2000(first: Lab, second: Lab) -> f64 {
    let (l1, a1, b1) = (first.l, first.a, first.b);
    let (l2, a2, b2) = (second.l, second.a, second.b);
    let pow7 = |x: f64| x.powi(7);
    let c_bar = (a1.hypot(b1) + a2.hypot(b2)) / 2.0;
    let g = 0.5 * (1.0 - (pow7(c_bar) / (pow7(c_bar) + pow7(25.0))).sqrt());
    let (a1p, a2p) = ((1.0 + g) * a1, (1.0 + g) * a2);
    let (c1p, c2p) = (a1p.hypot(b1), a2p.hypot(b2));
    let hue =
        |b: f64, a: f64| if a == 0.0 && b == 0.0 { 0.0 } else { b.atan2(a).to_degrees().rem_euclid(360.0) };
    let (h1p, h2p) = (hue(b1, a1p), hue(b2, a2p));
    let delta_l = l2 - l1;
    let delta_c = c2p - c1p;
    let chroma_product = c1p * c2p;
    let delta_h_angle = if chroma_product == 0.0 {
        0.0
    } else {
        let d = h2p - h1p;
        if d > 180.0 {
            d - 360.0
        } else if d < -180.0 {
            d + 360.0
        } else {
            d
        }
    };
    let delta_h = 2.0 * chroma_product.sqrt() * (delta_h_angle.to_radians() / 2.0).sin();
    let l_bar = (l1 + l2) / 2.0;
    let c_bar_p = (c1p + c2p) / 2.0;
    let h_bar = if chroma_product == 0.0 {
        h1p + h2p
    } else if (h1p - h2p).abs() <= 180.0 {
        (h1p + h2p) / 2.0
    } else if h1p + h2p < 360.0 {
        (h1p + h2p + 360.0) / 2.0
    } else {
        (h1p + h2p - 360.0) / 2.0
    };
    let cos_deg = |d: f64| d.to_radians().cos();
    let t =
        1.0 - 0.17 * cos_deg(h_bar - 30.0) + 0.24 * cos_deg(2.0 * h_bar) + 0.32 * cos_deg(3.0 * h_bar + 6.0)
            - 0.20 * cos_deg(4.0 * h_bar - 63.0);
    let delta_theta = 30.0 * (-((h_bar - 275.0) / 25.0).powi(2)).exp();
    let r_c = 2.0 * (pow7(c_bar_p) / (pow7(c_bar_p) + pow7(25.0))).sqrt();
    let s_l = 1.0 + 0.015 * (l_bar - 50.0).powi(2) / (20.0 + (l_bar - 50.0).powi(2)).sqrt();
    let s_c = 1.0 + 0.045 * c_bar_p;
    let s_h = 1.0 + 0.015 * c_bar_p * t;
    let r_t = -(2.0 * delta_theta).to_radians().sin() * r_c;
    let (dl, dc, dh) = (delta_l / s_l, delta_c / s_c, delta_h / s_h);
    (dl * dl + dc * dc + dh * dh + r_t * dc * dh).sqrt()
}

/// [`delta_e_2000`] of two sRGB colours.
pub fn difference(a: Color32, b: Color32) -> f64 {
    delta_e_2000(lab(a), lab(b))
}

/// How a reader sees colours.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ColourVision {
    /// Typical trichromatic vision.
    Normal,
    /// No long-wavelength (red) cones: about 1% of men.
    Protanopia,
    /// No medium-wavelength (green) cones: about 1% of men (and milder deuteranomaly 5%).
    Deuteranopia,
    /// No short-wavelength (blue) cones: rare.
    Tritanopia,
}

impl ColourVision {
    /// Every kind, typical vision first.
    pub const ALL: [ColourVision; 4] = [
        ColourVision::Normal,
        ColourVision::Protanopia,
        ColourVision::Deuteranopia,
        ColourVision::Tritanopia,
    ];
}

/// How `colour` looks to a reader with `vision`: the model of Machado, Oliveira and
/// Fernandes, "A Physiologically-based Model for Simulation of Color Vision Deficiency",
/// IEEE Transactions on Visualization and Computer Graphics 15(6), 2009, at severity 1
/// (dichromacy), whose matrices apply to linear RGB.
pub fn simulate(colour: Color32, vision: ColourVision) -> Color32 {
    let matrix: [[f64; 3]; 3] = match vision {
        ColourVision::Normal => return colour,
        ColourVision::Protanopia => [
            [0.152_286, 1.052_583, -0.204_868],
            [0.114_503, 0.786_281, 0.099_216],
            [-0.003_882, -0.048_116, 1.051_998],
        ],
        ColourVision::Deuteranopia => [
            [0.367_322, 0.860_646, -0.227_968],
            [0.280_085, 0.672_501, 0.047_413],
            [-0.011_820, 0.042_940, 0.968_881],
        ],
        ColourVision::Tritanopia => [
            [1.255_528, -0.076_749, -0.178_779],
            [-0.078_411, 0.930_809, 0.147_602],
            [0.004_733, 0.691_367, 0.303_900],
        ],
    };
    let rgb = linear_rgb(colour);
    let row = |r: [f64; 3]| r[0] * rgb[0] + r[1] * rgb[1] + r[2] * rgb[2];
    from_linear([row(matrix[0]), row(matrix[1]), row(matrix[2])])
}

/// The fill behind a claim of a kind of colour `kind`, on the dark or the light theme
/// (see the module's notes): the kind's hue, its chroma scaled, its lightness mapped into
/// the theme's band.
pub fn claim_fill(kind: Color32, dark: bool) -> Color32 {
    let Lab { l, a, b } = lab(kind);
    let (chroma, hue) = (a.hypot(b), b.atan2(a));
    if dark {
        // L 28–46: white text keeps a contrast above 4.5 (L 50 is 4.5).
        from_lch((28.0 + 0.22 * l).min(46.0), 0.6 * chroma, hue)
    } else {
        // L 64–82: black text keeps a contrast above 7, and grey stays clear of the
        // background (L 97).
        from_lch(64.0 + 0.18 * l, 0.5 * chroma, hue)
    }
}

/// The reader's own marks, which must never look like a claim.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ReaderColours {
    /// The fill of the text selection.
    pub selection: Color32,
    /// The outline of a search match, and the fill of the current match.
    pub search: Color32,
}

impl ReaderColours {
    /// The marks for the dark or the light theme.
    pub fn for_theme(dark: bool) -> ReaderColours {
        if dark {
            // Light marks with dark text: far above the claim fills' band (L 28–46).
            ReaderColours {
                selection: Color32::from_rgb(0xb4, 0xcc, 0xff),
                search: Color32::from_rgb(0xff, 0xc0, 0x00),
            }
        } else {
            // Darker and more saturated than the claim fills' band (L 64–82), with white
            // text.
            ReaderColours {
                selection: Color32::from_rgb(0x2f, 0x62, 0xd0),
                search: Color32::from_rgb(0xb3, 0x4d, 0x00),
            }
        }
    }
}

/// The comparison view's one colour scale: the fill of a cell whose share is `share`
/// (0–1), the same for every cell of the matrix. From a colour just off the theme's
/// background to a strong blue, evenly in CIE L\*a\*b\*, so that lightness changes
/// steadily with the share (as in the HTML report's scale).
pub fn heat_colour(share: f64, dark: bool) -> Color32 {
    let t = share.clamp(0.0, 1.0);
    // Ends chosen so that black or white text keeps a contrast of 4.5 along the scale.
    let (low, high) = if dark {
        (Lab { l: 22.0, a: 0.0, b: -4.0 }, Lab { l: 62.0, a: 4.0, b: -52.0 })
    } else {
        (Lab { l: 95.0, a: -1.0, b: -3.0 }, Lab { l: 32.0, a: 12.0, b: -56.0 })
    };
    let mix = |x: f64, y: f64| x + (y - x) * t;
    let point = Lab { l: mix(low.l, high.l), a: mix(low.a, high.a), b: mix(low.b, high.b) };
    from_lch(point.l, point.a.hypot(point.b), point.b.atan2(point.a))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hex(text: &str) -> Color32 {
        let [r, g, b] = crate::model::parse_colour(text).expect("a #rrggbb colour");
        Color32::from_rgb(r, g, b)
    }

    // The thresholds, in CIEDE2000 units (about 1 is the smallest difference seen side by
    // side). The difference needed grows as marks get smaller (Stone, Szafir and
    // Setlur, "An engineering model for color difference as a function of size", Color
    // and Imaging Conference 2014): a fill behind a word is a thin band of a line of text,
    // not a swatch, so we ask for well above the textbook "clearly different" of about 10.
    // Measured on the colours before this check, Historical's fill differed from the dark
    // background by 8.5, Prediction's by 10.6 (and by 5.5 and 8.9 on the light one),
    // and the selection from Statistic's fill by 7.9: the "nearly invisible" and
    // "resembles a claim" of issue 9.

    /// A claim's fill against the background it stands on.
    const FILL_VS_BACKGROUND: f64 = 15.0;
    /// The selection and search marks against every claim fill, each other and the
    /// background: they must not pass for a claim.
    const MARK_VS_FILL: f64 = 20.0;
    /// Two kinds' fills: the scaling must not merge kinds (the default palette's own
    /// closest pair, Attributed's purple and Comparison's pink, are 12 apart).
    const FILL_VS_FILL: f64 = 8.0;
    /// Text on any fill or mark: WCAG 2's level AA for normal text.
    const TEXT_CONTRAST: f64 = 4.5;
    /// Affiliation badges against each other, for every kind of colour vision: the
    /// names are in the badges too, but the colour is what is read at a glance.
    const BADGE_VS_BADGE: f64 = 15.0;

    /// The reader's two themes as egui draws them: dark or not, background, text colour.
    fn themes() -> [(bool, Color32, Color32); 2] {
        let (dark, light) = (egui::Visuals::dark(), egui::Visuals::light());
        [
            (true, dark.panel_fill, dark.strong_text_color()),
            (false, light.panel_fill, light.strong_text_color()),
        ]
    }

    /// The taxonomies a user meets: the default one and the bundled sample's.
    fn taxonomies() -> Vec<(&'static str, crate::model::Taxonomy)> {
        let sample = crate::sample::sample_project().expect("the sample loads");
        vec![("default", crate::model::Taxonomy::builtin()), ("sample", sample.taxonomy)]
    }

    #[test]
    fn every_kinds_fill_reads_on_both_themes_and_kinds_stay_apart() {
        for (name, taxonomy) in taxonomies() {
            for (dark, background, text) in themes() {
                let fills: Vec<(&str, Color32)> = taxonomy
                    .claim_kinds
                    .iter()
                    .map(|kind| (kind.id.as_str(), claim_fill(hex(&kind.colour), dark)))
                    .collect();
                for &(kind, fill) in &fills {
                    let seen = difference(fill, background);
                    assert!(
                        seen >= FILL_VS_BACKGROUND,
                        "{name} {kind} dark={dark}: {seen:.1} from the background"
                    );
                    let contrast = contrast_ratio(fill, text);
                    assert!(
                        contrast >= TEXT_CONTRAST,
                        "{name} {kind} dark={dark}: text contrast {contrast:.2}"
                    );
                }
                for (i, &(first, a)) in fills.iter().enumerate() {
                    for &(second, b) in &fills[i + 1..] {
                        let seen = difference(a, b);
                        assert!(seen >= FILL_VS_FILL, "{name} {first} and {second} dark={dark}: {seen:.1}");
                    }
                }
            }
        }
    }

    #[test]
    fn selection_and_search_look_like_no_claim() {
        for (name, taxonomy) in taxonomies() {
            for (dark, background, _) in themes() {
                let marks = ReaderColours::for_theme(dark);
                for (mark, colour) in [("selection", marks.selection), ("search", marks.search)] {
                    for kind in &taxonomy.claim_kinds {
                        let seen = difference(colour, claim_fill(hex(&kind.colour), dark));
                        assert!(seen >= MARK_VS_FILL, "{name} {mark} vs {} dark={dark}: {seen:.1}", kind.id);
                    }
                    let seen = difference(colour, background);
                    assert!(seen >= MARK_VS_FILL, "{mark} dark={dark}: {seen:.1} from the background");
                    let contrast = contrast_ratio(colour, text_on(colour));
                    assert!(contrast >= TEXT_CONTRAST, "{mark} dark={dark}: text contrast {contrast:.2}");
                }
                let seen = difference(marks.selection, marks.search);
                assert!(seen >= MARK_VS_FILL, "selection vs search dark={dark}: {seen:.1}");
            }
        }
    }

    #[test]
    fn any_colour_a_project_gives_a_kind_keeps_its_text_readable() {
        // Projects choose their own colours: whatever they are, the text on the fill reads.
        for (dark, _, text) in themes() {
            for r in (0..=255).step_by(51) {
                for g in (0..=255).step_by(51) {
                    for b in (0..=255).step_by(51) {
                        let kind = Color32::from_rgb(r as u8, g as u8, b as u8);
                        let contrast = contrast_ratio(claim_fill(kind, dark), text);
                        assert!(contrast >= TEXT_CONTRAST, "{kind:?} dark={dark}: {contrast:.2}");
                    }
                }
            }
        }
    }

    #[test]
    fn affiliation_badges_stay_apart_for_colour_blind_readers() {
        for (name, taxonomy) in taxonomies() {
            let badges: Vec<(&str, Color32)> =
                taxonomy.affiliations.iter().map(|a| (a.id.as_str(), hex(&a.colour))).collect();
            for vision in ColourVision::ALL {
                for (i, &(first, a)) in badges.iter().enumerate() {
                    for &(second, b) in &badges[i + 1..] {
                        let seen = difference(simulate(a, vision), simulate(b, vision));
                        assert!(seen >= BADGE_VS_BADGE, "{name} {first} and {second}, {vision:?}: {seen:.1}");
                    }
                }
            }
        }
    }

    #[test]
    fn the_heat_scale_is_one_steady_ramp_with_readable_numbers() {
        for (dark, background, _) in themes() {
            let steps: Vec<Color32> = (0..=20).map(|i| heat_colour(f64::from(i) / 20.0, dark)).collect();
            // Lightness moves one way only, away from the background as the share grows.
            let distance: Vec<f64> = steps.iter().map(|&c| (lab(c).l - lab(background).l).abs()).collect();
            assert!(distance.windows(2).all(|w| w[1] > w[0]), "dark={dark}: {distance:?}");
            assert!(difference(steps[0], steps[20]) > 30.0, "dark={dark}: the ends differ clearly");
            for &step in &steps {
                let contrast = contrast_ratio(step, text_on(step));
                assert!(contrast >= TEXT_CONTRAST, "dark={dark} {step:?}: {contrast:.2}");
            }
        }
    }

    #[test]
    fn ciede2000_matches_sharmas_test_data() {
        // Pairs 1, 7 and 20 of the paper's table 1, to its four decimals.
        let pairs = [
            ((50.0, 2.6772, -79.7751), (50.0, 0.0, -82.7485), 2.0425),
            ((50.0, 0.0, 0.0), (50.0, -1.0, 2.0), 2.3669),
            ((60.2574, -34.0099, 36.2677), (60.4626, -34.1751, 39.4387), 1.2644),
        ];
        for ((l1, a1, b1), (l2, a2, b2), expected) in pairs {
            let found = delta_e_2000(Lab { l: l1, a: a1, b: b1 }, Lab { l: l2, a: a2, b: b2 });
            assert!((found - expected).abs() < 1e-4, "{found} for {expected}");
        }
    }

    #[test]
    fn lab_and_lch_round_trip_and_stay_in_gamut() {
        for colour in [hex("#1f77b4"), hex("#bcbd22"), Color32::WHITE, Color32::BLACK, hex("#7f7f7f")] {
            let Lab { l, a, b } = lab(colour);
            assert_eq!(from_lch(l, a.hypot(b), b.atan2(a)), colour);
        }
        assert!((lab(Color32::WHITE).l - 100.0).abs() < 0.01);
        // Far outside sRGB: the hue's most saturated colour of that lightness.
        let vivid = from_lch(50.0, 400.0, 0.5);
        assert!((lab(vivid).l - 50.0).abs() < 1.0, "{vivid:?}");
        assert!((contrast_ratio(Color32::BLACK, Color32::WHITE) - 21.0).abs() < 0.01);
    }

    #[test]
    fn simulation_keeps_greys_and_merges_red_and_green_for_deuteranopes() {
        let grey = hex("#777777");
        for vision in ColourVision::ALL {
            assert!(difference(simulate(grey, vision), grey) < 1.0, "{vision:?}");
        }
        let (red, green) = (hex("#d62728"), hex("#2ca02c"));
        let seen = |vision| difference(simulate(red, vision), simulate(green, vision));
        assert!(seen(ColourVision::Normal) > 40.0);
        assert!(seen(ColourVision::Deuteranopia) < seen(ColourVision::Normal) / 2.0);
    }
}
