//! Form fields as data. Handlers describe a form as a list of [`Field`]s with translated labels,
//! the user's input and any error; one template macro renders every kind accessibly (labels,
//! hints and errors tied to the input with `aria-describedby`). A form that is refused comes back
//! with exactly what the user typed.

use crate::i18n;
use vuoro_core::{FieldError, FieldErrors, Lang};

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Opt {
    pub value: String,
    pub label: String,
    pub selected: bool,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Kind {
    Text,
    Email,
    Password,
    NewPassword,
    Number,
    Date,
    Time,
    Url,
    Textarea,
    Select(Vec<Opt>),
    Radios(Vec<Opt>),
    Checkboxes(Vec<Opt>),
}

#[derive(Clone, Debug)]
pub struct Field {
    pub name: &'static str,
    pub label: String,
    pub hint: Option<String>,
    pub value: String,
    pub error: Option<String>,
    pub kind: Kind,
    pub required: bool,
    pub max: usize,
    /// Makes the id unique when one page has several forms with the same field names.
    pub id_prefix: String,
}

impl Field {
    pub fn new(name: &'static str, label: String, kind: Kind) -> Self {
        Self {
            name,
            label,
            hint: None,
            value: String::new(),
            error: None,
            kind,
            required: false,
            max: 0,
            id_prefix: String::new(),
        }
    }
    pub fn value(mut self, v: impl Into<String>) -> Self {
        self.value = v.into();
        self
    }
    pub fn hint(mut self, h: String) -> Self {
        self.hint = Some(h);
        self
    }
    pub fn required(mut self) -> Self {
        self.required = true;
        self
    }
    pub fn max(mut self, m: usize) -> Self {
        self.max = m;
        self
    }
    pub fn prefix(mut self, p: &str) -> Self {
        self.id_prefix = p.to_owned();
        self
    }
    /// Takes this field's error, translated, from a form's errors.
    pub fn errors(mut self, lang: Lang, errors: &FieldErrors) -> Self {
        self.error = errors.get(self.name).map(|e| message(lang, e));
        self
    }

    pub fn id(&self) -> String {
        format!("{}f-{}", self.id_prefix, self.name)
    }
    /// Ids of the hint and the error, for `aria-describedby`.
    pub fn described_by(&self) -> String {
        let mut ids = Vec::new();
        if self.hint.is_some() {
            ids.push(format!("{}-hint", self.id()));
        }
        if self.error.is_some() {
            ids.push(format!("{}-error", self.id()));
        }
        ids.join(" ")
    }
    pub fn input_type(&self) -> &'static str {
        match self.kind {
            Kind::Email => "email",
            Kind::Password | Kind::NewPassword => "password",
            Kind::Number => "number",
            Kind::Date => "date",
            Kind::Time => "time",
            Kind::Url => "url",
            _ => "text",
        }
    }
    pub fn autocomplete(&self) -> &'static str {
        match (&self.kind, self.name) {
            (Kind::Password, _) => "current-password",
            (Kind::NewPassword, _) => "new-password",
            (Kind::Email, _) => "email",
            (_, "name") => "name",
            _ => "off",
        }
    }
    pub fn is_input(&self) -> bool {
        !matches!(
            self.kind,
            Kind::Textarea | Kind::Select(_) | Kind::Radios(_) | Kind::Checkboxes(_)
        )
    }
    pub fn is_textarea(&self) -> bool {
        matches!(self.kind, Kind::Textarea)
    }
    pub fn options(&self) -> &[Opt] {
        match &self.kind {
            Kind::Select(o) | Kind::Radios(o) | Kind::Checkboxes(o) => o,
            _ => &[],
        }
    }
    pub fn is_select(&self) -> bool {
        matches!(self.kind, Kind::Select(_))
    }
    /// Radios and check boxes are a group with a legend.
    pub fn is_group(&self) -> bool {
        matches!(self.kind, Kind::Radios(_) | Kind::Checkboxes(_))
    }
    pub fn group_type(&self) -> &'static str {
        if matches!(self.kind, Kind::Checkboxes(_)) {
            "checkbox"
        } else {
            "radio"
        }
    }
}

/// Options from (value, label) pairs, marking those in `selected`.
pub fn opts(items: impl IntoIterator<Item = (String, String)>, selected: &[String]) -> Vec<Opt> {
    items
        .into_iter()
        .map(|(value, label)| Opt {
            selected: selected.contains(&value),
            value,
            label,
        })
        .collect()
}

/// The translated explanation of a field error.
pub fn message(lang: Lang, e: &FieldError) -> String {
    let key = e.message_id();
    match *e {
        FieldError::TooLong { max } => i18n::t_args(lang, key, &[("max", i18n::n(max as i64))]),
        FieldError::TooShort { min } => i18n::t_args(lang, key, &[("min", i18n::n(min as i64))]),
        FieldError::OutOfRange { min, max } => {
            i18n::t_args(lang, key, &[("min", i18n::n(min)), ("max", i18n::n(max))])
        }
        _ => i18n::t(lang, key),
    }
}
