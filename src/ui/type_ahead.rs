//! Type-ahead: the keyboard events typed after a key that sends the focus into a field
//! (a kind's key marks a claim and sends it to the claimant field; G opens the group
//! picker), kept until that field can take them.
//!
//! A fast typist's next keys often arrive in the same frame as the key that moves the
//! focus, or in the frame after it, before the field is drawn with the focus (egui's
//! first frame of a new grid or window is a sizing pass whose fields take no keys).
//! Left in the input they would be lost, or read a second time as commands by the view
//! that had the focus. So the view that moves the focus takes them out of the input
//! ([`TypeAhead::typed_after`]) and sends them on (`AppCommand::TypeAhead`); the field
//! that gets the focus holds them, with the keys of any frame it is not ready in
//! ([`TypeAhead::hold_frame`]), and puts them back first in the input of the frame it
//! takes keys in ([`TypeAhead::release`]).
//!
//! It only moves events; what they mean is up to whoever reads the input after it.

/// Keyboard events held for a field that is about to get the focus, oldest first.
#[derive(Clone, Debug, Default)]
pub struct TypeAhead {
    events: Vec<egui::Event>,
}

/// Whether `event` comes from the keyboard (and so belongs to the focused field).
fn is_keyboard(event: &egui::Event) -> bool {
    matches!(
        event,
        egui::Event::Key { .. }
            | egui::Event::Text(_)
            | egui::Event::Paste(_)
            | egui::Event::Copy
            | egui::Event::Cut
            | egui::Event::Ime(_)
    )
}

impl TypeAhead {
    /// Whether nothing is held.
    pub fn is_empty(&self) -> bool {
        self.events.is_empty()
    }

    /// Splits `rest`, the events that came after a key which sent the focus elsewhere,
    /// into the keys typed after it and the other events (pointer, window), which stay
    /// where they are. The text that key typed itself (desktops send a key's text right
    /// after its press) is dropped: it was the command, not input for the field.
    pub fn typed_after(rest: Vec<egui::Event>) -> (TypeAhead, Vec<egui::Event>) {
        let mut events = rest.into_iter().peekable();
        if matches!(events.peek(), Some(egui::Event::Text(_))) {
            events.next();
        }
        let (keys, others): (Vec<egui::Event>, Vec<egui::Event>) = events.partition(is_keyboard);
        (TypeAhead { events: keys }, others)
    }

    /// Takes the keyboard events from index `from` on out of `input` (a field that
    /// cannot act on them in this frame keeps them for the next).
    pub fn split_off(input: &mut egui::InputState, from: usize) -> TypeAhead {
        let from = from.min(input.events.len());
        let rest = input.events.split_off(from);
        let (keys, others): (Vec<egui::Event>, Vec<egui::Event>) = rest.into_iter().partition(is_keyboard);
        input.events.extend(others);
        TypeAhead { events: keys }
    }

    /// Takes the keyboard events after the first press of `key` (any modifiers) out of
    /// `input`; nothing when it was not pressed.
    pub fn after_key(input: &mut egui::InputState, key: egui::Key) -> TypeAhead {
        let pressed = input
            .events
            .iter()
            .position(|e| matches!(e, egui::Event::Key { key: k, pressed: true, .. } if *k == key));
        match pressed {
            Some(index) => TypeAhead::split_off(input, index + 1),
            None => TypeAhead::default(),
        }
    }

    /// Adds `later`, typed after what is held.
    pub fn append(&mut self, later: TypeAhead) {
        self.events.extend(later.events);
    }

    /// Holds the keyboard events of this frame too, taking them out of `input`: the field
    /// is not ready yet, and nobody else may act on them.
    pub fn hold_frame(&mut self, input: &mut egui::InputState) {
        let frame = TypeAhead::split_off(input, 0);
        self.append(frame);
    }

    /// Puts what is held first in `input`, before the events of this frame, and holds
    /// nothing more. Shortcuts among them that the app reads at the start of a frame
    /// (global commands) are in the input now: read them again after this.
    pub fn release(&mut self, input: &mut egui::InputState) {
        let held = std::mem::take(&mut self.events);
        input.events.splice(0..0, held);
    }

    /// Puts what is held back at the end of `input` (nobody took it).
    pub fn release_after(mut self, input: &mut egui::InputState) {
        input.events.append(&mut self.events);
    }

    /// Forgets what is held (the field it was for is gone).
    pub fn clear(&mut self) {
        self.events.clear();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use egui::{Event, Key, Modifiers};

    fn press(key: Key) -> Event {
        Event::Key { key, physical_key: None, pressed: true, repeat: false, modifiers: Modifiers::NONE }
    }

    #[test]
    fn the_commands_own_text_is_dropped_and_pointer_events_stay() {
        let rest = vec![
            Event::Text("p".into()),
            press(Key::J),
            Event::PointerGone,
            Event::Text("J".into()),
            Event::Text("a".into()),
        ];
        let (keys, others) = TypeAhead::typed_after(rest);
        assert_eq!(keys.events, vec![press(Key::J), Event::Text("J".into()), Event::Text("a".into())]);
        assert_eq!(others, vec![Event::PointerGone]);
    }

    #[test]
    fn released_keys_come_before_the_frames_own() {
        let mut input = egui::InputState::default();
        input.events = vec![Event::Text("a".into()), Event::PointerGone, Event::Text("b".into())];
        let mut held = TypeAhead::default();
        held.hold_frame(&mut input);
        assert_eq!(input.events, vec![Event::PointerGone]);
        input.events.push(Event::Text("c".into()));
        held.release(&mut input);
        let texts: Vec<&Event> = input.events.iter().filter(|e| matches!(e, Event::Text(_))).collect();
        assert_eq!(texts, [&Event::Text("a".into()), &Event::Text("b".into()), &Event::Text("c".into())]);
        assert!(held.is_empty());
    }

    #[test]
    fn keys_after_enter_are_split_off() {
        let mut input = egui::InputState::default();
        input.events =
            vec![Event::Text("x".into()), press(Key::Enter), press(Key::J), Event::Text("j".into())];
        let after = TypeAhead::after_key(&mut input, Key::Enter);
        assert_eq!(after.events, vec![press(Key::J), Event::Text("j".into())]);
        assert_eq!(input.events.len(), 2);
        assert!(TypeAhead::after_key(&mut input, Key::Tab).is_empty());
    }
}
