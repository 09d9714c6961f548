use reqwest::Url;

use crate::HubError;

/// The hub's base URL from what the owner typed: `https://…` (a bare host gets
/// https), or `http://` only to this PC (`127.0.0.1`, `localhost`, `[::1]`), where
/// nothing travels over a network. No query or fragment; no trailing slash.
pub fn parse_address(input: &str) -> Result<String, HubError> {
    let typed = input.trim();
    if typed.is_empty() {
        return Err(HubError::BadAddress(String::new()));
    }
    let with_scheme = if typed.contains("://") { typed.to_owned() } else { format!("https://{typed}") };
    let url = Url::parse(&with_scheme).map_err(|_| HubError::BadAddress(typed.to_owned()))?;
    let Some(host) = url.host_str() else { return Err(HubError::BadAddress(typed.to_owned())) };
    match url.scheme() {
        "https" => {}
        "http" if matches!(host, "127.0.0.1" | "localhost" | "[::1]") => {}
        "http" => return Err(HubError::NotHttps(typed.to_owned())),
        _ => return Err(HubError::BadAddress(typed.to_owned())),
    }
    if url.query().is_some() || url.fragment().is_some() || !url.username().is_empty() || url.password().is_some() {
        return Err(HubError::BadAddress(typed.to_owned()));
    }
    let mut base = url.to_string();
    while base.ends_with('/') {
        base.pop();
    }
    Ok(base)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn https_or_this_pc_only() {
        assert_eq!(parse_address("https://shop.example.jp/").unwrap(), "https://shop.example.jp");
        assert_eq!(parse_address(" shop.example.jp ").unwrap(), "https://shop.example.jp");
        assert_eq!(parse_address("http://127.0.0.1:8787").unwrap(), "http://127.0.0.1:8787");
        assert_eq!(parse_address("http://localhost:8787/").unwrap(), "http://localhost:8787");
        assert!(matches!(parse_address("http://shop.example.jp"), Err(HubError::NotHttps(_))));
        assert!(matches!(parse_address("http://192.168.1.20:8787"), Err(HubError::NotHttps(_))));
        assert!(matches!(parse_address("ftp://shop.example.jp"), Err(HubError::BadAddress(_))));
        assert!(matches!(parse_address("https://user:pw@shop.example.jp"), Err(HubError::BadAddress(_))));
        assert!(matches!(parse_address(""), Err(HubError::BadAddress(_))));
    }
}
