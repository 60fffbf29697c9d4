//! A readable browser and operating system from a `User-Agent` string, for the technical details a customer may
//! choose to share. Rough on purpose: the name and major version are enough to reproduce most problems.

/// `("Firefox 126", "Windows")`; unknown parts are `"Unknown"`.
pub fn describe(user_agent: &str) -> (String, String) {
    (browser(user_agent), operating_system(user_agent))
}

fn version_after(user_agent: &str, marker: &str) -> Option<String> {
    let start = user_agent.find(marker)? + marker.len();
    let major: String = user_agent[start..].chars().take_while(char::is_ascii_digit).collect();
    (!major.is_empty()).then_some(major)
}

fn browser(ua: &str) -> String {
    // Order matters: Edge and Opera also say Chrome, Chrome also says Safari.
    let known = [
        ("Edg/", "Edge"),
        ("OPR/", "Opera"),
        ("Firefox/", "Firefox"),
        ("Chromium/", "Chromium"),
        ("Chrome/", "Chrome"),
        ("Version/", "Safari"),
    ];
    for (marker, name) in known {
        if let Some(version) = version_after(ua, marker) {
            if name != "Safari" || ua.contains("Safari/") {
                return format!("{name} {version}");
            }
        }
    }
    "Unknown".to_string()
}

fn operating_system(ua: &str) -> String {
    let name = if ua.contains("Android") {
        "Android"
    } else if ua.contains("iPhone") || ua.contains("iPad") {
        "iOS"
    } else if ua.contains("Windows") {
        "Windows"
    } else if ua.contains("Mac OS X") || ua.contains("Macintosh") {
        "macOS"
    } else if ua.contains("CrOS") {
        "ChromeOS"
    } else if ua.contains("Linux") {
        "Linux"
    } else {
        "Unknown"
    };
    name.to_string()
}

/// A page address without its query and fragment, which can carry tokens.
pub fn without_query(url: &str) -> String {
    let end = url.find(['?', '#']).unwrap_or(url.len());
    url[..end].to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn common_browsers_are_recognised() {
        let chrome =
            "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36";
        assert_eq!(describe(chrome), ("Chrome 126".into(), "Linux".into()));
        let edge = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/125.0 Safari/537.36 Edg/125.0.2535";
        assert_eq!(describe(edge), ("Edge 125".into(), "Windows".into()));
        let firefox = "Mozilla/5.0 (Macintosh; Intel Mac OS X 14.5; rv:127.0) Gecko/20100101 Firefox/127.0";
        assert_eq!(describe(firefox), ("Firefox 127".into(), "macOS".into()));
        let safari = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1";
        assert_eq!(describe(safari), ("Safari 17".into(), "iOS".into()));
        assert_eq!(describe("curl/8"), ("Unknown".into(), "Unknown".into()));
    }

    #[test]
    fn queries_and_fragments_are_dropped() {
        assert_eq!(without_query("https://x.example/a/b?token=1#top"), "https://x.example/a/b");
        assert_eq!(without_query("https://x.example/a#top"), "https://x.example/a");
        assert_eq!(without_query("https://x.example/"), "https://x.example/");
    }
}
