//! Renders a custom analyzer's JSON output as readable Markdown: objects as
//! `key: value` lists, arrays of scalars as lists, arrays of flat objects as
//! tables, scalars as text. Deeply nested values fall back to inline JSON so
//! that hostile input cannot recurse without bound.

use crate::escape;
use serde_json::Value;

/// Nesting depth past which values are shown as inline JSON.
const MAX_DEPTH: usize = 6;
/// Widest table rendered; wider arrays of objects become lists.
const MAX_COLUMNS: usize = 12;
/// Longest inline JSON fallback, in characters.
const MAX_INLINE_JSON: usize = 400;

/// True when `v` has nothing to show (null, empty string, array or object).
pub fn is_empty(v: &Value) -> bool {
    match v {
        Value::Null => true,
        Value::String(s) => s.trim().is_empty(),
        Value::Array(a) => a.is_empty(),
        Value::Object(o) => o.is_empty(),
        Value::Bool(_) | Value::Number(_) => false,
    }
}

/// Markdown blocks for `v`, ending with a newline.
pub fn render(v: &Value) -> String {
    let mut out = String::new();
    match v {
        Value::Object(map) => {
            // Simple entries form one list; an entry that is a table breaks
            // the list with a bold caption and the table, keeping key order.
            let mut in_list = false;
            for (k, val) in map {
                if let Some(table) = as_table(val) {
                    if in_list {
                        out.push('\n');
                        in_list = false;
                    }
                    out.push_str(&format!("**{}:**\n\n", escape::inline(k)));
                    out.push_str(&table);
                    out.push('\n');
                } else {
                    list_entry(&mut out, Some(k), val, 0, 1);
                    in_list = true;
                }
            }
        }
        Value::Array(items) => {
            if let Some(table) = as_table(v) {
                out.push_str(&table);
            } else {
                for item in items {
                    list_entry(&mut out, None, item, 0, 1);
                }
            }
        }
        scalar => {
            out.push_str(&escape::line_start(&scalar_text(scalar)));
            out.push('\n');
        }
    }
    out
}

/// One list item at `indent` levels, with nested items below it.
fn list_entry(out: &mut String, key: Option<&str>, v: &Value, indent: usize, depth: usize) {
    let pad = "  ".repeat(indent);
    let label = key.map(|k| format!("**{}:** ", escape::inline(k)));
    let label = label.as_deref().unwrap_or("");
    if depth > MAX_DEPTH {
        let json = serde_json::to_string(v).unwrap_or_default();
        out.push_str(&format!(
            "{pad}- {label}{}\n",
            escape::code(&escape::truncate(&json, MAX_INLINE_JSON))
        ));
        return;
    }
    match v {
        Value::Array(items) if items.iter().all(is_scalar) && !items.is_empty() => {
            let short =
                items.len() <= 8 && items.iter().all(|i| scalar_text(i).chars().count() <= 40);
            if short {
                let joined: Vec<String> = items
                    .iter()
                    .map(|i| escape::inline(&scalar_text(i)))
                    .collect();
                out.push_str(&format!("{pad}- {label}{}\n", joined.join(", ")));
            } else {
                out.push_str(&format!("{pad}- {}\n", label.trim_end()));
                for i in items {
                    out.push_str(&format!(
                        "{pad}  - {}\n",
                        escape::line_start(&scalar_text(i))
                    ));
                }
            }
        }
        Value::Array(items) if !items.is_empty() => {
            out.push_str(&format!("{pad}- {}\n", nonempty_label(label)));
            for i in items {
                list_entry(out, None, i, indent + 1, depth + 1);
            }
        }
        Value::Object(map) if !map.is_empty() => {
            if key.is_none() && map.values().all(is_scalar) {
                // A flat object inside a list: one line of key: value pairs.
                let pairs: Vec<String> = map
                    .iter()
                    .map(|(k, v)| {
                        format!(
                            "**{}:** {}",
                            escape::inline(k),
                            escape::inline(&scalar_text(v))
                        )
                    })
                    .collect();
                out.push_str(&format!("{pad}- {}\n", pairs.join(", ")));
                return;
            }
            out.push_str(&format!("{pad}- {}\n", nonempty_label(label)));
            for (k, val) in map {
                list_entry(out, Some(k), val, indent + 1, depth + 1);
            }
        }
        Value::Array(_) | Value::Object(_) => {
            out.push_str(&format!("{pad}- {label}none\n"));
        }
        scalar => {
            let text = if label.is_empty() {
                escape::line_start(&scalar_text(scalar))
            } else {
                escape::inline(&scalar_text(scalar))
            };
            out.push_str(&format!("{pad}- {label}{text}\n"));
        }
    }
}

fn nonempty_label(label: &str) -> &str {
    let l = label.trim_end();
    if l.is_empty() {
        "…"
    } else {
        l
    }
}

/// A Markdown table when `v` is a non-empty array of objects whose values
/// are all scalars and whose keys are few enough.
fn as_table(v: &Value) -> Option<String> {
    let items = v.as_array().filter(|a| !a.is_empty())?;
    let mut columns: Vec<&str> = Vec::new();
    for item in items {
        let obj = item.as_object()?;
        for (k, val) in obj {
            if !is_scalar(val) {
                return None;
            }
            if !columns.contains(&k.as_str()) {
                columns.push(k);
            }
        }
    }
    if columns.is_empty() || columns.len() > MAX_COLUMNS {
        return None;
    }
    let mut out = String::new();
    let header: Vec<String> = columns.iter().map(|c| escape::inline(c)).collect();
    out.push_str(&format!("| {} |\n", header.join(" | ")));
    let align: Vec<&str> = columns
        .iter()
        .map(|c| {
            let numeric = items
                .iter()
                .filter_map(|i| i.get(*c))
                .all(|v| v.is_number() || v.is_null());
            if numeric {
                "---:"
            } else {
                "---"
            }
        })
        .collect();
    out.push_str(&format!("| {} |\n", align.join(" | ")));
    for item in items {
        let cells: Vec<String> = columns
            .iter()
            .map(|c| match item.get(*c) {
                None | Some(Value::Null) => String::new(),
                Some(v) => escape::inline(&scalar_text(v)),
            })
            .collect();
        out.push_str(&format!("| {} |\n", cells.join(" | ")));
    }
    Some(out)
}

fn is_scalar(v: &Value) -> bool {
    !matches!(v, Value::Array(_) | Value::Object(_))
}

/// Text of a scalar (strings as they are, others as JSON).
fn scalar_text(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        Value::Null => "none".to_string(),
        other => other.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn objects_become_key_value_lists() {
        let out = render(&json!({"grade": 9.5, "label": "easy", "ok": true}));
        assert_eq!(out, "- **grade:** 9.5\n- **label:** easy\n- **ok:** true\n");
    }

    #[test]
    fn arrays_of_strings_become_lists() {
        let out = render(&json!(["harbour", "- ferry", "1. terminal"]));
        assert_eq!(out, "- harbour\n- \\- ferry\n- 1\\. terminal\n");
    }

    #[test]
    fn flat_object_arrays_become_tables() {
        let out = render(&json!([
            {"score": 0.8, "word": "bridge"},
            {"note": "x", "score": 0.5, "word": "a|b"}
        ]));
        assert_eq!(
            out,
            "| score | word | note |\n| ---: | --- | --- |\n| 0.8 | bridge |  |\n| 0.5 | a\\|b | x |\n"
        );
    }

    #[test]
    fn tables_inside_objects_keep_their_place() {
        let out = render(&json!({"a": 1, "rows": [{"k": "v"}], "z": "last"}));
        assert_eq!(
            out,
            "- **a:** 1\n\n**rows:**\n\n| k |\n| --- |\n| v |\n\n- **z:** last\n"
        );
    }

    #[test]
    fn nested_values_indent() {
        let out = render(&json!({"topics": {"main": "transport", "others": ["ports", "budget"]}}));
        assert_eq!(
            out,
            "- **topics:**\n  - **main:** transport\n  - **others:** ports, budget\n"
        );
    }

    #[test]
    fn scalars_are_escaped_text() {
        assert_eq!(render(&json!("# not a heading")), "\\# not a heading\n");
        assert_eq!(render(&json!(42)), "42\n");
    }

    #[test]
    fn deep_nesting_is_cut_off() {
        let mut v = json!("leaf");
        for _ in 0..200 {
            v = json!({ "k": v });
        }
        let out = render(&v);
        assert!(out.lines().count() <= MAX_DEPTH + 2, "{out}");
        assert!(out.contains('`'));
    }

    #[test]
    fn emptiness() {
        assert!(is_empty(&json!(null)));
        assert!(is_empty(&json!([])));
        assert!(is_empty(&json!({})));
        assert!(is_empty(&json!("  ")));
        assert!(!is_empty(&json!(0)));
    }
}
