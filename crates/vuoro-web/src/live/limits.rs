//! Limits on joining, per client address ([`crate::client::ClientAddr`]), kept in the server's
//! memory (a restart forgets them, which gives a flooder or a guesser only one more burst).
//!
//! - Joins per address and session: a burst of [`JOIN_BURST`], then one more every
//!   [`JOIN_REFILL`], so a class of 30 behind one school address all join at once while one
//!   script cannot fill a session in seconds.
//! - Seats per address and session: at most [`SEATS_PER_ADDRESS`], so a flood from one
//!   address, however slow, leaves the other half of the session to everyone else.
//! - Wrong codes per address: a burst of [`WRONG_BURST`], then one more every [`WRONG_REFILL`];
//!   beyond that every code from the address is answered 429 with `Retry-After` until it
//!   refills, so guessing an open session's code takes months.
//!
//! Each table holds at most [`MAX_KEYS`] addresses; when full, the one untouched longest goes.

use super::MAX_PARTICIPANTS;
use lru::LruCache;
use std::hash::Hash;
use std::net::IpAddr;
use std::num::NonZeroUsize;
use std::sync::Mutex;
use std::time::{Duration, Instant};
use vuoro_core::LiveSessionId;

pub const JOIN_BURST: f64 = 40.0;
pub const JOIN_REFILL: Duration = Duration::from_secs(3);
pub const SEATS_PER_ADDRESS: u32 = (MAX_PARTICIPANTS / 2) as u32;
pub const WRONG_BURST: f64 = 20.0;
pub const WRONG_REFILL: Duration = Duration::from_secs(3);
const MAX_KEYS: usize = 10_000;

/// Why a join from an address is refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refusal {
    /// Too many at once: try again after this many seconds.
    TooFast(u64),
    /// The address holds its share of the session's seats.
    AddressFull,
}

#[derive(Debug, Clone, Copy)]
struct Bucket {
    tokens: f64,
    at: Instant,
    /// Joins granted (for the seats per address).
    granted: u32,
}

impl Bucket {
    fn refill(&mut self, now: Instant, burst: f64, every: Duration) {
        let gained = now.duration_since(self.at).as_secs_f64() / every.as_secs_f64();
        self.tokens = (self.tokens + gained).min(burst);
        self.at = now;
    }
    /// Whole seconds until one token is there again.
    fn wait(&self, every: Duration) -> u64 {
        ((1.0 - self.tokens).max(0.0) * every.as_secs_f64())
            .ceil()
            .max(1.0) as u64
    }
}

#[derive(Debug)]
struct Table<K: Hash + Eq> {
    /// At most [`MAX_KEYS`]; when full, the address untouched longest makes room.
    buckets: LruCache<K, Bucket>,
    burst: f64,
    every: Duration,
}

impl<K: Hash + Eq + Copy> Table<K> {
    fn new(burst: f64, every: Duration) -> Self {
        Self {
            buckets: LruCache::new(NonZeroUsize::new(MAX_KEYS).unwrap_or(NonZeroUsize::MIN)),
            burst,
            every,
        }
    }

    fn get(&mut self, key: K, now: Instant) -> &mut Bucket {
        let (burst, every) = (self.burst, self.every);
        let b = self.buckets.get_or_insert_mut(key, || Bucket {
            tokens: burst,
            at: now,
            granted: 0,
        });
        b.refill(now, burst, every);
        b
    }
}

#[derive(Debug)]
struct Tables {
    joins: Table<(LiveSessionId, IpAddr)>,
    wrong: Table<IpAddr>,
}

#[derive(Debug)]
pub struct JoinLimiter(Mutex<Tables>);

impl Default for JoinLimiter {
    fn default() -> Self {
        Self(Mutex::new(Tables {
            joins: Table::new(JOIN_BURST, JOIN_REFILL),
            wrong: Table::new(WRONG_BURST, WRONG_REFILL),
        }))
    }
}

impl JoinLimiter {
    fn tables(&self) -> std::sync::MutexGuard<'_, Tables> {
        self.0.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Takes one join for a new phone from `addr` in the session, or says why not.
    pub fn join(&self, live: LiveSessionId, addr: IpAddr) -> Result<(), Refusal> {
        self.join_at(live, addr, Instant::now())
    }

    fn join_at(&self, live: LiveSessionId, addr: IpAddr, now: Instant) -> Result<(), Refusal> {
        let mut t = self.tables();
        let every = t.joins.every;
        let b = t.joins.get((live, addr), now);
        if b.granted >= SEATS_PER_ADDRESS {
            return Err(Refusal::AddressFull);
        }
        if b.tokens < 1.0 {
            return Err(Refusal::TooFast(b.wait(every)));
        }
        b.tokens -= 1.0;
        b.granted += 1;
        Ok(())
    }

    /// `Some(seconds to wait)` when the address has used up its wrong codes.
    pub fn guessing(&self, addr: IpAddr) -> Option<u64> {
        self.guessing_at(addr, Instant::now())
    }

    fn guessing_at(&self, addr: IpAddr, now: Instant) -> Option<u64> {
        let mut t = self.tables();
        let every = t.wrong.every;
        if !t.wrong.buckets.contains(&addr) {
            return None;
        }
        let b = t.wrong.get(addr, now);
        (b.tokens < 1.0).then(|| b.wait(every))
    }

    /// Counts a wrong code from the address.
    pub fn wrong_code(&self, addr: IpAddr) {
        self.wrong_code_at(addr, Instant::now());
    }

    fn wrong_code_at(&self, addr: IpAddr, now: Instant) {
        let mut t = self.tables();
        let b = t.wrong.get(addr, now);
        b.tokens = (b.tokens - 1.0).max(0.0);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ip(n: u8) -> IpAddr {
        IpAddr::from([198, 51, 100, n])
    }

    #[test]
    fn a_class_joins_at_once_and_a_flood_is_slowed_then_capped() {
        let l = JoinLimiter::default();
        let live = LiveSessionId::new();
        let t0 = Instant::now();
        for _ in 0..30 {
            assert_eq!(l.join_at(live, ip(1), t0), Ok(()), "a class of 30 at once");
        }
        for _ in 30..JOIN_BURST as u32 {
            assert_eq!(l.join_at(live, ip(1), t0), Ok(()));
        }
        assert_eq!(l.join_at(live, ip(1), t0), Err(Refusal::TooFast(3)));
        assert_eq!(l.join_at(live, ip(2), t0), Ok(()), "another address");
        assert_eq!(
            l.join_at(LiveSessionId::new(), ip(1), t0),
            Ok(()),
            "another session"
        );
        // Refilled over time, but never beyond the address's share of the seats.
        let mut now = t0;
        let mut granted = JOIN_BURST as u32;
        while granted < SEATS_PER_ADDRESS {
            now += JOIN_REFILL;
            assert_eq!(l.join_at(live, ip(1), now), Ok(()));
            granted += 1;
        }
        now += JOIN_REFILL * 100;
        assert_eq!(l.join_at(live, ip(1), now), Err(Refusal::AddressFull));
    }

    #[test]
    fn wrong_codes_are_slowed_per_address() {
        let l = JoinLimiter::default();
        let t0 = Instant::now();
        assert_eq!(l.guessing_at(ip(1), t0), None);
        for _ in 0..WRONG_BURST as u32 {
            assert_eq!(l.guessing_at(ip(1), t0), None);
            l.wrong_code_at(ip(1), t0);
        }
        assert_eq!(l.guessing_at(ip(1), t0), Some(3));
        assert_eq!(l.guessing_at(ip(2), t0), None, "others go on");
        assert_eq!(l.guessing_at(ip(1), t0 + WRONG_REFILL), None, "refilled");
    }

    #[test]
    fn the_tables_stay_bounded() {
        let l = JoinLimiter::default();
        let t0 = Instant::now();
        for i in 0..(MAX_KEYS as u32 + 10) {
            l.wrong_code_at(
                IpAddr::from(i.to_be_bytes()),
                t0 + Duration::from_millis(i.into()),
            );
        }
        assert_eq!(l.tables().wrong.buckets.len(), MAX_KEYS);
    }
}
