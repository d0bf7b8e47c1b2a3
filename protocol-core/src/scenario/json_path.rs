//! Where in a JSON text an error happened, as a field path
//! (`script[3].node`): the parser tells the line and column, this walks the
//! text up to there. (A wrapper deserializer that tracks paths would do the
//! same, but costs the browser build a second copy of every parser.)

enum Frame {
    Object { key: Option<String>, expecting_key: bool },
    Array { index: usize },
}

/// The path of the value being read when the parser stopped at `line` and
/// `column` (1-based; serde_json's column is the last byte it read, which is
/// not yet taken into account here); empty at the top level.
pub fn path_at(text: &str, line: usize, column: usize) -> String {
    let offset = text
        .split_inclusive('\n')
        .take(line.saturating_sub(1))
        .map(str::len)
        .sum::<usize>()
        .saturating_add(column.saturating_sub(1))
        .min(text.len());
    let bytes = &text.as_bytes()[..offset];
    let mut stack: Vec<Frame> = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'{' => stack.push(Frame::Object { key: None, expecting_key: true }),
            b'[' => stack.push(Frame::Array { index: 0 }),
            b'}' | b']' => {
                stack.pop();
            }
            b',' => match stack.last_mut() {
                Some(Frame::Array { index }) => *index += 1,
                Some(Frame::Object { expecting_key, .. }) => *expecting_key = true,
                None => {}
            },
            b':' => {
                if let Some(Frame::Object { expecting_key, .. }) = stack.last_mut() {
                    *expecting_key = false;
                }
            }
            b'"' => {
                let start = i + 1;
                i += 1;
                while i < bytes.len() && bytes[i] != b'"' {
                    i += if bytes[i] == b'\\' { 2 } else { 1 };
                }
                let end = i.min(bytes.len());
                if let Some(Frame::Object { key, expecting_key: true }) = stack.last_mut() {
                    *key = Some(String::from_utf8_lossy(&bytes[start..end]).into_owned());
                }
            }
            _ => {}
        }
        i += 1;
    }
    let mut path = String::new();
    for frame in &stack {
        match frame {
            Frame::Object { key: Some(k), .. } => {
                if !path.is_empty() {
                    path.push('.');
                }
                path.push_str(k);
            }
            Frame::Object { key: None, .. } => {}
            Frame::Array { index } => path.push_str(&format!("[{index}]")),
        }
    }
    path
}

#[cfg(test)]
mod tests {
    use super::path_at;

    fn at_marker(json: &str) -> String {
        let offset = json.find('§').expect("marker");
        let text = json.replace('§', "");
        let line = text[..offset].matches('\n').count() + 1;
        let column = offset - text[..offset].rfind('\n').map_or(0, |i| i + 1) + 1;
        path_at(&text, line, column)
    }

    #[test]
    fn names_keys_and_indices() {
        assert_eq!(at_marker(r#"{"nodez"§: 5}"#), "nodez");
        assert_eq!(
            at_marker(r#"{"a": 1, "script": [{"do": "run"}, {"do": "crash", "node": 300§}]}"#),
            "script[1].node"
        );
        assert_eq!(at_marker("{\n  \"timing\": {\"latency\": [1, §2]}\n}"), "timing.latency[1]");
        assert_eq!(at_marker(r#"{"a": "x,[]{\"y"§}"#), "a");
        assert_eq!(at_marker(r#"{"a": 1}§"#), "");
    }
}
