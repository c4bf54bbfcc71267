//! The route table as a by-product of building the router. axum cannot list the routes of a
//! `Router`, yet the permission test must know every route so that one added without a row in
//! its table fails. Each feature module builds a [`Routes`] instead of a `Router`: `route`
//! records the path and forwards to axum, `merge` joins two tables, and [`crate::app`] and
//! [`crate::route_paths`] read the same one, so the list cannot drift from what is served.

use axum::Router;
use axum::routing::MethodRouter;

/// A router and the paths it serves, in the order they were added.
pub struct Routes<S = crate::AppState> {
    router: Router<S>,
    paths: Vec<&'static str>,
}

impl<S> std::fmt::Debug for Routes<S> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Routes")
            .field("paths", &self.paths)
            .finish()
    }
}

impl<S: Clone + Send + Sync + 'static> Default for Routes<S> {
    fn default() -> Self {
        Self::new()
    }
}

impl<S: Clone + Send + Sync + 'static> Routes<S> {
    pub fn new() -> Self {
        Self {
            router: Router::new(),
            paths: Vec::new(),
        }
    }

    /// Adds a route as `Router::route` does (which panics on a path added twice).
    pub fn route(mut self, path: &'static str, methods: MethodRouter<S>) -> Self {
        self.router = self.router.route(path, methods);
        self.paths.push(path);
        self
    }

    /// Adds every route of `other`.
    pub fn merge(mut self, other: Routes<S>) -> Self {
        self.router = self.router.merge(other.router);
        self.paths.extend(other.paths);
        self
    }

    /// The paths, as axum patterns (`/processes/{id}/plan`).
    pub fn paths(&self) -> &[&'static str] {
        &self.paths
    }

    pub fn into_router(self) -> Router<S> {
        self.router
    }
}
