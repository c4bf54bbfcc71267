//! The worker: sends what the outbox holds. One pass ([`send_due`]) claims the messages due at a
//! given time, with a lease so that no other server process takes them meanwhile, sends each
//! over SMTP and marks it sent, or failed with a later retry. The loop ([`run`]) only waits and
//! calls the pass: after [`MailConfig::poll_interval`], or at once when this process queued
//! something. Log lines name a message by its id and kind, never its body or recipient.

use super::MailConfig;
use lettre::message::{Mailbox, MultiPart};
use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};
use std::sync::Arc;
use std::time::Duration;
use time::OffsetDateTime;
use tokio::sync::Notify;
use vuoro_store::{QueuedMail, Store};

/// How many messages a pass claims at a time.
const BATCH: u32 = 10;

/// How long a claim lasts: longer than a batch can take (each message's SMTP conversation is
/// cut after 30 s), so a slow batch is not claimed by a second process while it is sent, and
/// short enough that messages a crashed process had claimed go out again soon.
pub const LEASE: time::Duration = time::Duration::minutes(10);

/// The first retry waits this long; each further one twice as long as the one before …
const FIRST_RETRY: time::Duration = time::Duration::seconds(30);

/// … up to this. A message that merely failed is never given up: a mail server that is down
/// for a day gets every message once it is back, at most this long after. Only one the server
/// refuses for good (a permanent 5xx answer), or whose address is no address, is given up.
pub const LONGEST_RETRY: time::Duration = time::Duration::hours(1);

/// How long to wait after a failed attempt, the `attempts`-th failure before it counted.
pub fn backoff(attempts: u32) -> time::Duration {
    let doublings = attempts.min(16);
    let wait = FIRST_RETRY * 2_i32.pow(doublings);
    wait.min(LONGEST_RETRY)
}

/// What a pass did.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Pass {
    pub sent: u32,
    /// Failed for now: tried again later.
    pub failed: u32,
    /// Refused for good: never tried again.
    pub refused: u32,
}

/// The SMTP side of the worker: a transport and the sender's address. Its `Debug` names the
/// server only.
pub struct Mailer {
    transport: AsyncSmtpTransport<Tokio1Executor>,
    from: Mailbox,
    server: String,
}

impl std::fmt::Debug for Mailer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Mailer")
            .field("server", &self.server)
            .finish_non_exhaustive()
    }
}

impl Mailer {
    pub fn new(config: &MailConfig) -> Mailer {
        Mailer {
            transport: config.transport(),
            from: config.from.clone(),
            server: config.server().to_owned(),
        }
    }

    /// Builds the message (plain text with an HTML alternative) and sends it.
    async fn send(&self, m: &QueuedMail) -> Result<(), Failure> {
        let to: Mailbox = m.to.parse().map_err(|_| Failure {
            error: "the recipient is not an e-mail address".to_owned(),
            permanent: true,
        })?;
        let message = Message::builder()
            .from(self.from.clone())
            .to(to)
            .subject(m.subject.as_str())
            .message_id(None)
            .multipart(MultiPart::alternative_plain_html(
                m.text.clone(),
                m.html.clone(),
            ))
            .map_err(|e| Failure {
                error: format!("cannot build the message: {e}"),
                permanent: true,
            })?;
        self.transport
            .send(message)
            .await
            .map(|_| ())
            .map_err(|e| Failure {
                error: format!("{}: {}", self.server, failure(&e)),
                permanent: e.is_permanent(),
            })
    }
}

/// Why a message was not sent, and whether trying again could change that.
struct Failure {
    error: String,
    permanent: bool,
}

/// A failed SMTP conversation in words that carry no address: the server's status code (a
/// refusal's text usually repeats the recipient's address, who may be a member of a community,
/// so it is neither logged nor stored), or the kind of failure.
fn failure(e: &lettre::transport::smtp::Error) -> String {
    match e.status() {
        Some(code) if e.is_permanent() => format!("refused permanently ({code})"),
        Some(code) => format!("refused for now ({code})"),
        None if e.is_timeout() => "timed out".to_owned(),
        None if e.is_tls() => "TLS failed".to_owned(),
        None => "no connection".to_owned(),
    }
}

/// One pass: sends every message due at `now`, each at most once across server processes,
/// and schedules a retry for each that failed. Returns what it did; an error only when the
/// outbox cannot be read or written.
pub async fn send_due(
    store: &dyn Store,
    mailer: &Mailer,
    now: OffsetDateTime,
) -> vuoro_store::Result<Pass> {
    let mut pass = Pass::default();
    let started = std::time::Instant::now();
    loop {
        // Each batch is claimed at the time it starts, not the pass's: a long pass (a large
        // community mailing, a backlog after an outage) would otherwise claim its later batches
        // with a lease already over, and another process would send them too.
        let at = now + started.elapsed();
        let claimed = store.claim_mail(at, at + LEASE, BATCH).await?;
        let last = claimed.len() < BATCH as usize;
        for m in claimed {
            match mailer.send(&m).await {
                Ok(()) => {
                    match store.mail_sent(m.id, now).await {
                        // Gone already: the message is sent all the same.
                        Ok(()) | Err(vuoro_store::StoreError::NotFound) => {}
                        Err(e) => return Err(e),
                    }
                    pass.sent += 1;
                    tracing::info!(mail = m.id, kind = m.kind.as_str(), "mail sent");
                }
                Err(Failure { error, permanent }) if permanent => {
                    match store.mail_refused(m.id, &error, now).await {
                        Ok(()) | Err(vuoro_store::StoreError::NotFound) => {}
                        Err(e) => return Err(e),
                    }
                    pass.refused += 1;
                    tracing::warn!(
                        mail = m.id,
                        kind = m.kind.as_str(),
                        attempts = m.attempts + 1,
                        %error,
                        "mail refused for good; not tried again"
                    );
                }
                Err(Failure { error, .. }) => {
                    let retry = now + backoff(m.attempts);
                    store.mail_failed(m.id, &error, retry).await?;
                    pass.failed += 1;
                    tracing::warn!(
                        mail = m.id,
                        kind = m.kind.as_str(),
                        attempts = m.attempts + 1,
                        %error,
                        "mail not sent; retried later"
                    );
                }
            }
        }
        // A failed message is due again only after `now`, so claiming again cannot loop.
        if last {
            return Ok(pass);
        }
    }
}

/// The worker's loop: a pass, then a wait for `poll` or for `wake` (this process queued mail).
/// Started by `AppState::new` when mail is configured; it ends with the runtime.
pub async fn run(store: Arc<dyn Store>, mailer: Mailer, poll: Duration, wake: Arc<Notify>) {
    tracing::info!(server = %mailer.server, "mail worker started");
    loop {
        if let Err(e) = send_due(store.as_ref(), &mailer, OffsetDateTime::now_utc()).await {
            tracing::error!(error = %e, "the mail outbox could not be read or written");
        }
        tokio::select! {
            () = tokio::time::sleep(poll) => {}
            () = wake.notified() => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn retries_wait_longer_each_time_up_to_an_hour() {
        let waits: Vec<i64> = (0..9).map(|a| backoff(a).whole_seconds()).collect();
        assert_eq!(waits, [30, 60, 120, 240, 480, 960, 1920, 3600, 3600]);
        assert_eq!(backoff(u32::MAX), LONGEST_RETRY);
    }
}
