//! Attempts against budgets: the failed log-ins every server process counts together.

use super::*;
use crate::{Budget, Spent};

/// Attempts count against every budget named, are refused as a whole once one budget is spent
/// (saying until when), leave the window with time, and can be taken back or forgotten.
pub async fn attempts_are_counted_per_budget_within_the_window(store: Arc<dyn Store>) {
    let s = store.as_ref();
    let window = Duration::minutes(15);
    let t0 = datetime!(2027-02-01 09:00 UTC);
    let at = |m: i64| t0 + Duration::minutes(m);
    let both = [
        Budget {
            key: "client",
            limit: 3,
        },
        Budget {
            key: "address",
            limit: 2,
        },
    ];
    let take = |budgets: &[Budget<'static>], m: i64| {
        let budgets = budgets.to_vec();
        async move {
            s.take_attempt(&budgets, at(m) - window, at(m))
                .await
                .expect("counted")
        }
    };
    assert_eq!(take(&both, 0).await, None);
    assert_eq!(take(&both, 1).await, None);
    assert_eq!(
        take(&both, 2).await,
        Some(Spent {
            budget: 1,
            until: at(15)
        }),
        "the address is spent until its first attempt leaves the window"
    );
    // The refused attempt was not counted: the client has one left, on another address.
    let other = [
        both[0],
        Budget {
            key: "other",
            limit: 2,
        },
    ];
    assert_eq!(take(&other, 3).await, None);
    assert_eq!(
        take(&other, 4).await,
        Some(Spent {
            budget: 0,
            until: at(15)
        })
    );
    // A right password takes back the client's latest attempt and clears the address.
    s.give_back_attempt("client").await.expect("given back");
    s.forget_attempts("address").await.expect("forgotten");
    assert_eq!(take(&both, 5).await, None);
    assert_eq!(
        take(&both, 6).await,
        Some(Spent {
            budget: 0,
            until: at(15)
        })
    );
    assert_eq!(take(&both, 15).await, None, "free again when it said");
}
