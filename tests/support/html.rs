//! Telegram's HTML parse mode, as the fake Bot API enforces it.
//!
//! Stricter than Telegram in the direction that catches bugs: only the tags
//! and entities of the Bot API documentation are accepted, tags must nest
//! properly, and every `<`, `>` and `&` that is not markup must be escaped.
//! The visible text (what Telegram counts against the 4096 limit) comes back
//! on success; the error text mimics Telegram's on failure.

/// Tags Telegram understands, with the attributes each may carry.
const TAGS: &[(&str, &[&str])] = &[
    ("b", &[]),
    ("strong", &[]),
    ("i", &[]),
    ("em", &[]),
    ("u", &[]),
    ("ins", &[]),
    ("s", &[]),
    ("strike", &[]),
    ("del", &[]),
    ("span", &["class"]),
    ("tg-spoiler", &[]),
    ("a", &["href"]),
    ("code", &["class"]),
    ("pre", &[]),
    ("blockquote", &["expandable"]),
    ("tg-emoji", &["emoji-id"]),
];

/// Parses Telegram HTML; returns the visible text.
pub fn parse(html: &str) -> Result<String, String> {
    let mut visible = String::with_capacity(html.len());
    let mut stack: Vec<String> = Vec::new();
    let mut i = 0;
    while i < html.len() {
        let rest = &html[i..];
        let c = rest.chars().next().unwrap_or_default();
        match c {
            '<' => {
                let end = rest
                    .find('>')
                    .ok_or_else(|| format!("Unclosed start tag at byte offset {i}"))?;
                let inner = &rest[1..end];
                if let Some(name) = inner.strip_prefix('/') {
                    let name = name.trim();
                    match stack.pop() {
                        Some(open) if open == name => {}
                        Some(open) => {
                            return Err(format!(
                                "Can't find end tag corresponding to start tag \"{open}\""
                            ));
                        }
                        None => {
                            return Err(format!(
                                "Unexpected end tag \"{name}\" at byte offset {i}"
                            ));
                        }
                    }
                } else {
                    let (name, attrs) =
                        split_tag(inner).map_err(|e| format!("{e} at byte offset {i}"))?;
                    let allowed = TAGS
                        .iter()
                        .find(|(t, _)| *t == name)
                        .map(|(_, a)| *a)
                        .ok_or_else(|| {
                            format!("Unsupported start tag \"{name}\" at byte offset {i}")
                        })?;
                    for (attr, value) in &attrs {
                        if !allowed.contains(&attr.as_str()) {
                            return Err(format!(
                                "Unsupported attribute \"{attr}\" of tag \"{name}\" at byte offset {i}"
                            ));
                        }
                        if name == "span" && value != "tg-spoiler" {
                            return Err(format!(
                                "Tag \"span\" must have class \"tg-spoiler\" at byte offset {i}"
                            ));
                        }
                    }
                    if name == "span" && attrs.is_empty() {
                        return Err(format!(
                            "Tag \"span\" must have class \"tg-spoiler\" at byte offset {i}"
                        ));
                    }
                    if name == "a" && !attrs.iter().any(|(a, _)| a == "href") {
                        return Err(format!(
                            "Tag \"a\" must have attribute \"href\" at byte offset {i}"
                        ));
                    }
                    if let Some(parent) = stack.last() {
                        let ok = match parent.as_str() {
                            "pre" => name == "code",
                            "code" => false,
                            _ => true,
                        };
                        if !ok {
                            return Err(format!(
                                "Entities can't be nested in \"{parent}\" at byte offset {i}"
                            ));
                        }
                    }
                    if name == "blockquote" && stack.iter().any(|t| t == "blockquote") {
                        return Err(format!("Blockquotes can't be nested at byte offset {i}"));
                    }
                    stack.push(name);
                }
                i += end + 1;
            }
            '>' => return Err(format!("Unescaped \">\" at byte offset {i}")),
            '&' => {
                let end = rest
                    .find(';')
                    .filter(|&e| e <= 12)
                    .ok_or_else(|| format!("Unescaped \"&\" at byte offset {i}"))?;
                let name = &rest[1..end];
                let ch = match name {
                    "lt" => '<',
                    "gt" => '>',
                    "amp" => '&',
                    "quot" => '"',
                    _ => {
                        let code = if let Some(hex) =
                            name.strip_prefix("#x").or_else(|| name.strip_prefix("#X"))
                        {
                            u32::from_str_radix(hex, 16).ok()
                        } else if let Some(dec) = name.strip_prefix('#') {
                            dec.parse().ok()
                        } else {
                            None
                        };
                        code.and_then(char::from_u32).ok_or_else(|| {
                            format!("Unsupported HTML entity \"&{name};\" at byte offset {i}")
                        })?
                    }
                };
                visible.push(ch);
                i += end + 1;
            }
            _ => {
                visible.push(c);
                i += c.len_utf8();
            }
        }
    }
    if let Some(open) = stack.pop() {
        return Err(format!(
            "Can't find end tag corresponding to start tag \"{open}\""
        ));
    }
    Ok(visible)
}

/// `b`, `a href="x"`, `blockquote expandable` into a name and attributes.
fn split_tag(inner: &str) -> Result<(String, Vec<(String, String)>), String> {
    let inner = inner.trim();
    let name_end = inner.find(char::is_whitespace).unwrap_or(inner.len());
    let name = inner[..name_end].to_string();
    if name.is_empty() || !name.chars().all(|c| c.is_ascii_alphanumeric() || c == '-') {
        return Err(format!("Bad tag name \"{name}\""));
    }
    let mut attrs = Vec::new();
    let mut rest = inner[name_end..].trim_start();
    while !rest.is_empty() {
        let key_end = rest
            .find(|c: char| c == '=' || c.is_whitespace())
            .unwrap_or(rest.len());
        let key = rest[..key_end].to_string();
        rest = rest[key_end..].trim_start();
        let value = if let Some(r) = rest.strip_prefix('=') {
            let r = r.trim_start();
            let quote = r
                .chars()
                .next()
                .filter(|q| *q == '"' || *q == '\'')
                .ok_or("Unquoted attribute value")?;
            let close = r[1..].find(quote).ok_or("Unclosed attribute value")?;
            let v = r[1..=close].to_string();
            rest = r[close + 2..].trim_start();
            v
        } else {
            String::new()
        };
        attrs.push((key, value));
    }
    Ok((name, attrs))
}

/// Telegram's length of a text: UTF-16 code units.
pub fn tg_len(text: &str) -> usize {
    text.encode_utf16().count()
}
