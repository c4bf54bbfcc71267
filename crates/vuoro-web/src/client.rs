//! The address a request came from, for the limits kept per client (log-in, joining).
//!
//! The server sees the TCP peer. Behind a reverse proxy every request comes from the proxy, so
//! the peer is replaced by the address the proxy put in `X-Forwarded-For`, but only when the
//! peer is one of the configured `trusted_proxies`: anyone else could write that header
//! themselves and pick a fresh address for every guess.

use crate::AppState;
use axum::extract::{ConnectInfo, FromRequestParts};
use axum::http::request::Parts;
use std::convert::Infallible;
use std::net::{IpAddr, Ipv4Addr, SocketAddr};

/// The client's address as far as this server can trust it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct ClientAddr(pub IpAddr);

impl ClientAddr {
    /// The client behind `peer`: the right-most address of `X-Forwarded-For` that is not itself
    /// a trusted proxy, when `peer` is a trusted proxy; otherwise `peer`.
    ///
    /// Right-most, because each proxy appends the address it saw; everything left of the last
    /// trusted hop was written by the client and proves nothing.
    pub fn resolve(peer: IpAddr, forwarded_for: Option<&str>, trusted: &[IpAddr]) -> Self {
        if !trusted.contains(&peer) {
            return Self(peer);
        }
        let hops = forwarded_for.unwrap_or("").split(',').rev();
        for hop in hops {
            match hop.trim().parse::<IpAddr>() {
                Ok(ip) if trusted.contains(&ip) => continue,
                Ok(ip) => return Self(canonical(ip)),
                // A hop that is not an address: stop trusting the header at that point.
                Err(_) => break,
            }
        }
        Self(peer)
    }
}

/// An IPv4 client seen through an IPv6 socket counts as the same client.
fn canonical(ip: IpAddr) -> IpAddr {
    match ip {
        IpAddr::V6(v6) => v6.to_ipv4_mapped().map_or(ip, IpAddr::V4),
        v4 => v4,
    }
}

impl FromRequestParts<AppState> for ClientAddr {
    type Rejection = Infallible;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Infallible> {
        // Without connection info (a router driven in-process) every request is one client.
        let peer = parts
            .extensions
            .get::<ConnectInfo<SocketAddr>>()
            .map_or(IpAddr::V4(Ipv4Addr::UNSPECIFIED), |c| canonical(c.0.ip()));
        // Several X-Forwarded-For headers are one list, in order.
        let joined = parts
            .headers
            .get_all("x-forwarded-for")
            .iter()
            .filter_map(|v| v.to_str().ok())
            .collect::<Vec<_>>()
            .join(",");
        let header = (!joined.is_empty()).then_some(joined.as_str());
        Ok(Self::resolve(peer, header, &state.config.trusted_proxies))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ip(s: &str) -> IpAddr {
        s.parse().expect("address")
    }

    #[test]
    fn an_untrusted_peer_cannot_choose_its_address() {
        let c = ClientAddr::resolve(ip("203.0.113.9"), Some("198.51.100.1"), &[]);
        assert_eq!(c.0, ip("203.0.113.9"));
        let c = ClientAddr::resolve(ip("203.0.113.9"), Some("198.51.100.1"), &[ip("10.0.0.1")]);
        assert_eq!(c.0, ip("203.0.113.9"));
    }

    #[test]
    fn a_trusted_proxy_names_the_client_it_saw() {
        let proxy = ip("127.0.0.1");
        // The client wrote a forged first hop; the proxy appended the real one.
        let c = ClientAddr::resolve(proxy, Some("1.2.3.4, 198.51.100.7"), &[proxy]);
        assert_eq!(c.0, ip("198.51.100.7"));
        // Two proxies in a row: both are skipped.
        let inner = ip("10.0.0.2");
        let c = ClientAddr::resolve(proxy, Some("198.51.100.7, 10.0.0.2"), &[proxy, inner]);
        assert_eq!(c.0, ip("198.51.100.7"));
        // IPv4 written as IPv6 is the same client.
        let c = ClientAddr::resolve(proxy, Some("::ffff:198.51.100.7"), &[proxy]);
        assert_eq!(c.0, ip("198.51.100.7"));
    }

    #[test]
    fn a_trusted_proxy_without_a_usable_header_is_the_client() {
        let proxy = ip("127.0.0.1");
        assert_eq!(ClientAddr::resolve(proxy, None, &[proxy]).0, proxy);
        assert_eq!(
            ClientAddr::resolve(proxy, Some("not an address"), &[proxy]).0,
            proxy
        );
    }
}
