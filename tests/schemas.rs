//! The JSON Schemas in `schemas/` describe what the exports write: every export of the
//! sample project validates against them (and a broken record does not).
#![allow(clippy::unwrap_used)] // In tests a panic is the failure report.

use claimmark::interop::{self, ExportOptions, ExportSet, Format, LabelBy};
use claimmark::sample::sample_project;
use serde_json::Value;

fn schema(name: &str) -> jsonschema::Validator {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("schemas").join(name);
    let schema: Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    jsonschema::validator_for(&schema).unwrap()
}

fn export(format: Format, options: &ExportOptions) -> String {
    let project = sample_project().unwrap();
    let set = ExportSet::new(&project, options);
    let mut bytes = Vec::new();
    interop::write_export(format, &set, &mut bytes).unwrap();
    String::from_utf8(bytes).unwrap()
}

fn assert_valid(validator: &jsonschema::Validator, instance: &Value, what: &str) {
    let errors: Vec<String> =
        validator.iter_errors(instance).map(|e| format!("{} at {}", e, e.instance_path())).collect();
    assert!(errors.is_empty(), "{what}: {errors:#?}");
}

#[test]
fn every_jsonl_line_of_the_sample_validates() {
    let validator = schema("export.jsonl.schema.json");
    for options in [
        ExportOptions { with_text: true, ..ExportOptions::default() },
        ExportOptions { with_text: false, ..ExportOptions::default() },
        ExportOptions { with_text: true, labels: LabelBy::Frame, ..ExportOptions::default() },
    ] {
        let output = export(Format::Jsonl, &options);
        assert_eq!(output.lines().count(), 5);
        for (i, line) in output.lines().enumerate() {
            let value: Value = serde_json::from_str(line).unwrap();
            assert_valid(&validator, &value, &format!("line {}", i + 1));
        }
    }
    // The schema is not a rubber stamp.
    let line = export(Format::Jsonl, &ExportOptions { with_text: true, ..ExportOptions::default() });
    let mut value: Value = serde_json::from_str(line.lines().next().unwrap()).unwrap();
    value["spans"][0]["claim"]["attribution"] = Value::from("maybe");
    assert!(!validator.is_valid(&value));
    value["spans"][0]["claim"]["attribution"] = Value::from("asserted");
    value["spans"][0].as_object_mut().unwrap().remove("label");
    assert!(!validator.is_valid(&value));
}

#[test]
fn every_csv_row_of_the_sample_validates_and_the_header_is_the_schemas() {
    let validator = schema("claims.csv.schema.json");
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("schemas/claims.csv.schema.json");
    let raw: Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    let order: Vec<&str> =
        raw["x-column-order"].as_array().unwrap().iter().map(|v| v.as_str().unwrap()).collect();
    assert_eq!(order, interop::csv::COLUMNS);
    let output = export(Format::Csv, &ExportOptions { with_text: true, ..ExportOptions::default() });
    let mut reader = csv::Reader::from_reader(output.as_bytes());
    let header: Vec<String> = reader.headers().unwrap().iter().map(str::to_owned).collect();
    assert_eq!(header, order);
    let mut rows = 0;
    for record in reader.records() {
        let record = record.unwrap();
        let object: serde_json::Map<String, Value> =
            header.iter().cloned().zip(record.iter().map(|cell| Value::from(cell.to_owned()))).collect();
        assert_valid(&validator, &Value::Object(object), &format!("row {}", rows + 1));
        rows += 1;
    }
    assert_eq!(rows, sample_project().unwrap().claims.len());
}

#[test]
fn the_claimreview_export_of_the_sample_validates() {
    let validator = schema("claimreview.schema.json");
    let output = export(Format::ClaimReview, &ExportOptions { with_text: true, ..ExportOptions::default() });
    let mut value: Value = serde_json::from_str(&output).unwrap();
    assert_valid(&validator, &value, "claimreview");
    let project = sample_project().unwrap();
    let rated = project.claims.iter().filter(|c| c.verdict.as_str() != "unverified").count();
    assert_eq!(value.as_array().unwrap().len(), rated);
    // Every rating lies between worst and best.
    for review in value.as_array().unwrap() {
        let rating = &review["reviewRating"];
        let (v, best, worst) = (
            rating["ratingValue"].as_i64().unwrap(),
            rating["bestRating"].as_i64().unwrap(),
            rating["worstRating"].as_i64().unwrap(),
        );
        assert!(worst <= v && v <= best, "{rating}");
    }
    value[0]["reviewRating"].as_object_mut().unwrap().remove("alternateName");
    assert!(!validator.is_valid(&value), "a review without its rating's name is refused");
}
