//! What this response says about itself (its Content-Security-Policy) and who sent the request
//! (the client's address, behind trusted proxies).

use super::state;
use leptos::prelude::*;

/// Sets this page's Content-Security-Policy: scripts only from this site and the hydration
/// script carrying this response's nonce (no inline script else), WASM compiled from this
/// site, no plugins, no framing, forms posting here only.
pub fn set_page_csp() {
    let Some(options) = use_context::<leptos_axum::ResponseOptions>() else {
        return;
    };
    let nonce = leptos::nonce::use_nonce()
        .map(|n| format!(" 'nonce-{n}'"))
        .unwrap_or_default();
    let policy = format!(
        "default-src 'self'; script-src 'self'{nonce} 'wasm-unsafe-eval'; style-src 'self'; \
         img-src 'self' blob: data:; connect-src 'self'; object-src 'none'; base-uri 'none'; \
         form-action 'self'; frame-ancestors 'none'"
    );
    if let Ok(value) = axum::http::HeaderValue::from_str(&policy) {
        options.insert_header(axum::http::header::CONTENT_SECURITY_POLICY, value);
    }
}

/// The client's address, as the limits per client key it: the socket's peer, or, when the
/// peer is a trusted proxy, the nearest address in `X-Forwarded-For` that is not one. An IPv6
/// client is keyed by its /64 (one home or phone gets a whole /64). `None` only without a
/// socket (never in the server).
pub async fn client_addr() -> Option<String> {
    use axum::extract::ConnectInfo;
    let ConnectInfo(addr) = leptos_axum::extract::<ConnectInfo<std::net::SocketAddr>>()
        .await
        .ok()?;
    let forwarded = use_context::<axum::http::request::Parts>().and_then(|parts| {
        let values: Vec<String> = parts
            .headers
            .get_all("x-forwarded-for")
            .iter()
            .filter_map(|v| v.to_str().ok().map(str::to_owned))
            .collect();
        (!values.is_empty()).then(|| values.join(","))
    });
    let trusted = state()
        .map(|s| s.settings.trusted_proxies.clone())
        .unwrap_or_default();
    Some(client_key(addr.ip(), forwarded.as_deref(), &trusted))
}

/// See [`client_addr`]: `peer` is the socket's address, `forwarded` the `X-Forwarded-For`
/// values joined with commas.
pub fn client_key(
    peer: std::net::IpAddr,
    forwarded: Option<&str>,
    trusted: &[ipnet::IpNet],
) -> String {
    let is_trusted = |ip: &std::net::IpAddr| trusted.iter().any(|net| net.contains(ip));
    let mut client = peer;
    if is_trusted(&peer) {
        // Right to left: each proxy appends the address it saw; the first one no trusted proxy
        // could have written is the client's (anything left of it the client may have made up).
        for hop in forwarded.unwrap_or("").rsplit(',') {
            let Ok(ip) = hop.trim().parse::<std::net::IpAddr>() else {
                break;
            };
            client = ip;
            if !is_trusted(&ip) {
                break;
            }
        }
    }
    match client {
        std::net::IpAddr::V6(v6) => match v6.to_ipv4_mapped() {
            Some(v4) => v4.to_string(),
            None => {
                let s = v6.segments();
                let prefix = std::net::Ipv6Addr::new(s[0], s[1], s[2], s[3], 0, 0, 0, 0);
                format!("{prefix}/64")
            }
        },
        v4 => v4.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::client_key;
    use std::net::IpAddr;

    fn ip(s: &str) -> IpAddr {
        s.parse().expect("an address")
    }

    #[test]
    fn a_forwarded_address_counts_only_behind_a_trusted_proxy() {
        let proxy: Vec<ipnet::IpNet> = vec!["10.0.0.0/24".parse().expect("a network")];
        // Not from a trusted proxy: whatever the header says, the peer is the client.
        assert_eq!(
            client_key(ip("192.0.2.9"), Some("203.0.113.1"), &proxy),
            "192.0.2.9"
        );
        assert_eq!(
            client_key(ip("10.0.0.5"), Some("203.0.113.1"), &[]),
            "10.0.0.5"
        );
        // From one: the nearest address no trusted proxy wrote, whatever the client made up
        // to its left.
        assert_eq!(
            client_key(
                ip("10.0.0.5"),
                Some("1.1.1.1, 203.0.113.1, 10.0.0.9"),
                &proxy
            ),
            "203.0.113.1"
        );
        assert_eq!(
            client_key(ip("10.0.0.5"), Some("10.0.0.8"), &proxy),
            "10.0.0.8"
        );
        assert_eq!(client_key(ip("10.0.0.5"), None, &proxy), "10.0.0.5");
        assert_eq!(
            client_key(ip("10.0.0.5"), Some("garbage"), &proxy),
            "10.0.0.5"
        );
    }

    #[test]
    fn an_ipv6_client_is_its_64() {
        assert_eq!(
            client_key(ip("2001:db8:1:2:3:4:5:6"), None, &[]),
            "2001:db8:1:2::/64"
        );
        assert_eq!(
            client_key(ip("2001:db8:1:2::ffff"), None, &[]),
            "2001:db8:1:2::/64"
        );
        assert_eq!(client_key(ip("::ffff:192.0.2.7"), None, &[]), "192.0.2.7");
    }
}
