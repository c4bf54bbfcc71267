//! Storage of the dialogue catalogue: [`CatalogueStore`] is a part of [`crate::Store`] of its
//! own, so the catalogue's queries stay together and a backend implements them in one place.

use async_trait::async_trait;
use serde::Serialize;
use time::OffsetDateTime;
use vuoro_core::catalogue::{Activity, Count, Missing};
use vuoro_core::{
    ActivityId, CompletionRequestId, ListingImportId, OrgId, OrgPlanId, PlanAreaId, ProcessId,
    UserId,
};

use crate::Result;

/// An organisation's catalogue settings.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct OrgCatalogue {
    pub org: OrgId,
    pub region: Option<String>,
    /// Whether the peer listing and the open data API show the organisation.
    pub public: bool,
    /// Whether its processes run in vuoro count in its public figures.
    pub publish_processes: bool,
    pub trained: Option<Count>,
    pub trained_text: Option<String>,
    /// Lines of an imported listing that could not be structured.
    pub unstructured: Vec<String>,
    pub updated_at: OffsetDateTime,
}

impl OrgCatalogue {
    /// The settings of an organisation that has none yet: private, nothing recorded.
    pub fn empty(org: OrgId, at: OffsetDateTime) -> OrgCatalogue {
        OrgCatalogue {
            org,
            region: None,
            public: false,
            publish_processes: false,
            trained: None,
            trained_text: None,
            unstructured: Vec::new(),
            updated_at: at,
        }
    }
}

/// Where an activity came from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case", tag = "kind")]
pub enum ActivitySource {
    Manual,
    /// A line of an imported listing, with what the importer could not find in it.
    Import {
        line: u32,
        text: String,
        unparsed: Vec<String>,
    },
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ActivityRecord {
    pub id: ActivityId,
    pub org: OrgId,
    pub activity: Activity,
    pub source: ActivitySource,
    pub created_by: Option<UserId>,
    pub created_at: OffsetDateTime,
    pub updated_at: OffsetDateTime,
}

/// One organisation of an imported listing.
#[derive(Debug, Clone)]
pub struct ImportedOrg {
    pub name: String,
    pub activities: Vec<(Activity, ActivitySource)>,
    pub unstructured: Vec<String>,
    pub trained: Option<(Count, String)>,
}

/// A listing document to import: its organisations, and its own title and introduction,
/// which belong to no organisation but are kept with the import.
#[derive(Debug, Clone, Default)]
pub struct ImportedListing {
    pub title: Option<String>,
    pub intro: Vec<String>,
    /// The document's number of lines, empty ones included.
    pub lines: u32,
    pub orgs: Vec<ImportedOrg>,
}

/// One import that was made.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ListingImport {
    pub id: ListingImportId,
    pub title: Option<String>,
    pub intro: Vec<String>,
    pub lines: u32,
    pub report: ImportReport,
    pub imported_by: Option<UserId>,
    pub imported_at: OffsetDateTime,
}

/// What an import did.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, serde::Deserialize)]
pub struct ImportReport {
    pub orgs_created: u32,
    pub orgs_existing: u32,
    pub activities_added: u32,
    /// Activities that an earlier import of the same lines had already added.
    pub activities_skipped: u32,
    pub unstructured_lines: u32,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CompletionRequest {
    pub id: CompletionRequestId,
    pub org: OrgId,
    pub activity: Option<ActivityId>,
    pub missing: Vec<Missing>,
    pub message: String,
    pub requested_by: UserId,
    pub created_at: OffsetDateTime,
    pub resolved_at: Option<OffsetDateTime>,
}

/// A plan of an organisation that dialogue feeds, with its areas in order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct OrgPlan {
    pub id: OrgPlanId,
    pub org: OrgId,
    pub name: String,
    pub description: String,
    pub areas: Vec<PlanArea>,
    pub created_at: OffsetDateTime,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PlanArea {
    pub id: PlanAreaId,
    pub name: String,
    /// The processes linked to this area, oldest link first.
    pub processes: Vec<ProcessId>,
}

/// One area of the plans of a process's organisation, as that process's page lists them: linked
/// to the process or still to be chosen.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ProcessPlanArea {
    pub plan: OrgPlanId,
    pub plan_name: String,
    pub area: PlanAreaId,
    pub area_name: String,
    /// Whether the process is linked to the area.
    pub linked: bool,
}

#[async_trait]
pub trait CatalogueStore: Send + Sync {
    /// The organisation's settings, or [`OrgCatalogue::empty`] when it has none.
    async fn org_catalogue(&self, org: OrgId) -> Result<OrgCatalogue>;
    async fn save_org_catalogue(&self, c: &OrgCatalogue) -> Result<()>;
    /// The settings of every organisation that has any.
    async fn org_catalogues(&self) -> Result<Vec<OrgCatalogue>>;

    async fn add_activity(&self, r: &ActivityRecord) -> Result<()>;
    async fn activity(&self, id: ActivityId) -> Result<ActivityRecord>;
    /// The activities of one organisation, or of all when `org` is `None`, oldest first.
    async fn activities(&self, org: Option<OrgId>) -> Result<Vec<ActivityRecord>>;
    async fn update_activity(&self, id: ActivityId, a: &Activity, at: OffsetDateTime)
    -> Result<()>;
    async fn delete_activity(&self, id: ActivityId) -> Result<()>;

    /// Adds a whole listing in one transaction: organisations are found by name (case does not
    /// matter) or created; a line imported before is skipped; unstructured lines are added to
    /// the organisation's (each once); the document's title and introduction are kept with a
    /// record of the import.
    async fn import_listing(
        &self,
        listing: &ImportedListing,
        actor: Option<UserId>,
        at: OffsetDateTime,
    ) -> Result<ImportReport>;
    /// Every import made, newest first.
    async fn listing_imports(&self) -> Result<Vec<ListingImport>>;

    async fn add_completion_request(&self, r: &CompletionRequest) -> Result<()>;
    /// The requests to an organisation, newest first.
    async fn completion_requests(&self, org: OrgId) -> Result<Vec<CompletionRequest>>;
    async fn resolve_completion_request(
        &self,
        id: CompletionRequestId,
        at: OffsetDateTime,
    ) -> Result<()>;

    async fn create_org_plan(&self, p: &OrgPlan) -> Result<()>;
    async fn org_plan(&self, id: OrgPlanId) -> Result<OrgPlan>;
    async fn org_plans(&self, org: OrgId) -> Result<Vec<OrgPlan>>;
    /// Every area of the plans of the process's organisation, each saying whether the process
    /// is linked to it, in the order of [`CatalogueStore::org_plans`] (plans by name, areas in
    /// their order), in one query: the process page's plan links and the choices beside them.
    /// Empty for an unknown process.
    async fn process_plan_areas(&self, process: ProcessId) -> Result<Vec<ProcessPlanArea>>;
    /// Links a process to an area; the process must belong to the plan's organisation.
    async fn link_process(
        &self,
        area: PlanAreaId,
        process: ProcessId,
        actor: UserId,
        at: OffsetDateTime,
    ) -> Result<()>;
    async fn unlink_process(&self, area: PlanAreaId, process: ProcessId) -> Result<()>;
}
