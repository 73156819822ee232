//! The stage registry: which analyzer and sink types a `gleaner` binary knows.
//!
//! [`Registry::builtin`] has every stage Gleaner ships. A custom binary adds
//! its own with [`Registry::with_analyzer`] / [`Registry::with_sink`] and hands
//! the registry to [`crate::cli::main_with`].

use gleaner_core::{AnalyzerFactory, SinkFactory, StageInfo};
use std::collections::BTreeMap;
use std::sync::Arc;

/// Analyzer and sink factories by type name.
#[derive(Clone, Default)]
pub struct Registry {
    analyzers: BTreeMap<&'static str, Arc<dyn AnalyzerFactory>>,
    sinks: BTreeMap<&'static str, Arc<dyn SinkFactory>>,
}

impl Registry {
    /// A registry with no stages.
    pub fn empty() -> Self {
        Self::default()
    }

    /// Every stage Gleaner ships.
    pub fn builtin() -> Self {
        Self::empty()
            .with_analyzer(gleaner_entities::EntitiesFactory)
            .with_analyzer(gleaner_dates::DatesFactory)
            .with_analyzer(gleaner_claims::ClaimsFactory)
            .with_analyzer(gleaner_exec::ExecFactory)
            .with_sink(gleaner_sink_json::JsonSinkFactory)
            .with_sink(gleaner_sink_markdown::MarkdownSinkFactory)
            .with_sink(gleaner_sink_stdout::StdoutSinkFactory)
    }

    /// Adds (or replaces) an analyzer type.
    pub fn with_analyzer(mut self, factory: impl AnalyzerFactory + 'static) -> Self {
        let name = factory.info().type_name;
        self.analyzers.insert(name, Arc::new(factory));
        self
    }

    /// Adds (or replaces) a sink type.
    pub fn with_sink(mut self, factory: impl SinkFactory + 'static) -> Self {
        let name = factory.info().type_name;
        self.sinks.insert(name, Arc::new(factory));
        self
    }

    /// The analyzer factory for `type_name`.
    pub fn analyzer(&self, type_name: &str) -> Option<&Arc<dyn AnalyzerFactory>> {
        self.analyzers.get(type_name)
    }

    /// The sink factory for `type_name`.
    pub fn sink(&self, type_name: &str) -> Option<&Arc<dyn SinkFactory>> {
        self.sinks.get(type_name)
    }

    /// Known analyzer types, sorted.
    pub fn analyzer_types(&self) -> impl Iterator<Item = &'static str> + '_ {
        self.analyzers.keys().copied()
    }

    /// Known sink types, sorted.
    pub fn sink_types(&self) -> impl Iterator<Item = &'static str> + '_ {
        self.sinks.keys().copied()
    }

    /// Descriptions of every registered stage: analyzers, then sinks.
    pub fn infos(&self) -> Vec<StageInfo> {
        self.analyzers
            .values()
            .map(|f| f.info())
            .chain(self.sinks.values().map(|f| f.info()))
            .collect()
    }
}
