//! The `gleaner` command line: `run`, `check`, `stages`, `watch`, `eval`,
//! `train` and `bench`. Custom binaries call [`main_with`] with their own
//! [`Registry`].
//!
//! Output discipline: stdout carries only what a sink prints (so
//! `format = "jsonl"` output can be piped); logs, progress bars and summaries
//! go to stderr. Exit codes: 0 when everything was processed, 1 when any
//! document failed, 2 for a broken pipeline file or usage error.

use crate::config::{self, LoadOptions, Pipeline};
use crate::registry::Registry;
use crate::runner::{self, Progress, RunReport};
use crate::source::InputSpec;
use clap::{Args, Parser, Subcommand, ValueEnum};
use gleaner_core::{OptionInfo, StageInfo};
use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Arc;

/// Gleaner: who is mentioned, who claimed what, and when things happened, in
/// news articles.
#[derive(Debug, Parser)]
#[command(
    name = "gleaner",
    version,
    about = "Gleaner: who is mentioned, who claimed what, and when things happened, in news articles.",
    long_about = None
)]
pub struct Cli {
    /// Log format on stderr.
    #[arg(long, global = true, value_enum, default_value_t = LogFormat::Text)]
    pub log_format: LogFormat,
    /// More logging (-v: info, -vv: debug). RUST_LOG overrides.
    #[arg(short, long, global = true, action = clap::ArgAction::Count)]
    pub verbose: u8,
    /// The command.
    #[command(subcommand)]
    pub command: Command,
}

/// Log formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum LogFormat {
    /// Human-readable lines.
    Text,
    /// One JSON object per line (for daemons and log shippers).
    Json,
}

/// Subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Run a pipeline over its source folder (or the given inputs).
    Run(RunArgs),
    /// Validate a pipeline file and report every error with its place.
    Check {
        /// The pipeline file.
        pipeline: PathBuf,
    },
    /// List every stage type with its options and defaults.
    Stages,
    /// Watch a drop folder: process each new or changed file exactly once,
    /// until stopped (SIGINT/SIGTERM); SIGHUP or an edit of the pipeline
    /// file reloads it.
    Watch(crate::watch::WatchArgs),
    /// Measure a model against an annotated corpus.
    #[command(subcommand)]
    Eval(EvalCommand),
    /// Train a model from a corpus (re-creates the embedded model).
    Train {
        /// Which model.
        #[arg(value_enum)]
        model: TrainTarget,
        /// Arguments of the trainer (`gleaner train MODEL` alone prints its usage).
        #[arg(trailing_var_arg = true, allow_hyphen_values = true)]
        args: Vec<String>,
    },
}

/// `gleaner run` arguments.
#[derive(Debug, Args)]
pub struct RunArgs {
    /// The pipeline file.
    pub pipeline: PathBuf,
    /// Files or folders to read instead of the pipeline's source (repeatable).
    #[arg(long = "input", short = 'i')]
    pub inputs: Vec<PathBuf>,
    /// Documents processed at once (overrides [runner] concurrency).
    #[arg(long)]
    pub concurrency: Option<usize>,
    /// Never draw a progress bar.
    #[arg(long)]
    pub no_progress: bool,
}

/// What `gleaner eval` measures.
#[derive(Debug, Subcommand)]
pub enum EvalCommand {
    /// Entity recognition on a CoNLL-2003-format file (per-type and overall P/R/F1).
    Entities {
        /// The CoNLL file (word ... NER-tag per line, IOB).
        #[arg(long)]
        conll: PathBuf,
    },
    /// Temporal expressions: TempEval-3 timex measures.
    #[command(group(clap::ArgGroup::new("corpus").required(true).multiple(true).args(["timeml", "meantime"])))]
    Dates {
        /// A folder of TimeML (.tml) files.
        #[arg(long)]
        timeml: Option<PathBuf>,
        /// A MEANTIME folder (NewsReader XML).
        #[arg(long)]
        meantime: Option<PathBuf>,
    },
    /// Attributions on PolNeAR-style brat files.
    Claims {
        /// A folder of .ann/.txt pairs.
        #[arg(long)]
        brat: PathBuf,
    },
    /// HTML article extraction on the article-extraction benchmark.
    Extract {
        /// The benchmark folder (html/ and ground-truth.json).
        #[arg(long)]
        benchmark: PathBuf,
    },
}

/// Trainable models.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum TrainTarget {
    /// The entity recognizer.
    Entities,
    /// The table of given names the entity rules use.
    GivenNames,
    /// The claims tagger.
    Claims,
}

/// Runs the command line with `registry`'s stages; returns the exit code.
pub fn main_with(registry: Registry) -> ExitCode {
    let cli = Cli::parse();
    let daemon = match &cli.command {
        Command::Watch(_) => true,
        Command::Run(args) => args.inputs.is_empty() && pipeline_watches(&args.pipeline),
        _ => false,
    };
    let default_level = match (daemon, cli.verbose) {
        (true, 0) => "info",
        (_, 0) => "warn",
        (_, 1) => "info",
        _ => "debug",
    };
    init_logging(cli.log_format, default_level);
    match cli.command {
        Command::Run(args) => cmd_run(&registry, args),
        Command::Check { pipeline } => cmd_check(&registry, &pipeline),
        Command::Watch(args) => crate::watch::cmd_watch(&registry, args),
        Command::Stages => {
            print!("{}", stages_text(&registry));
            ExitCode::SUCCESS
        }
        Command::Eval(e) => cmd_eval(e),
        Command::Train { model, args } => cmd_train(model, &args),
    }
}

/// True when the pipeline file says `[source] watch = true` (then `gleaner
/// run` is the daemon and logs at info level by default). A file that cannot
/// be read or parsed says no; loading it reports why.
fn pipeline_watches(path: &Path) -> bool {
    std::fs::read_to_string(path)
        .ok()
        .and_then(|t| t.parse::<toml::Table>().ok())
        .and_then(|t| t.get("source")?.get("watch")?.as_bool())
        .unwrap_or(false)
}

/// Sets up tracing on stderr.
pub fn init_logging(format: LogFormat, default_level: &str) {
    use tracing_subscriber::EnvFilter;
    // html5ever warns about every malformed page it repairs ("foster
    // parenting not implemented"): noise to a user, so only its errors show.
    let filter = EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| EnvFilter::new(format!("{default_level},html5ever=error")));
    let builder = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr);
    let _ = match format {
        LogFormat::Text => builder
            .with_ansi(std::io::stderr().is_terminal())
            .try_init(),
        LogFormat::Json => builder.json().flatten_event(true).try_init(),
    };
}

fn runtime() -> Result<tokio::runtime::Runtime, ExitCode> {
    tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .map_err(|e| {
            eprintln!("error: cannot start the async runtime: {e}");
            ExitCode::from(2)
        })
}

/// Loads a pipeline, printing its errors.
fn load(registry: &Registry, path: &Path, inputs_override: bool) -> Result<Pipeline, ExitCode> {
    config::load(path, registry, &LoadOptions { inputs_override }).map_err(|errs| {
        eprint!("{errs}");
        ExitCode::from(2)
    })
}

fn cmd_check(registry: &Registry, path: &Path) -> ExitCode {
    match load(registry, path, false) {
        Ok(p) => {
            eprintln!(
                "{}: ok: {} analyzer{} in {} layer{}, {} sink{}",
                path.display(),
                p.analyzers.len(),
                plural(p.analyzers.len()),
                p.layers.len(),
                plural(p.layers.len()),
                p.sinks.len(),
                plural(p.sinks.len()),
            );
            ExitCode::SUCCESS
        }
        Err(code) => code,
    }
}

fn plural(n: usize) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}

/// A progress bar on stderr.
///
/// Its length grows as the runner finds files until a separate count of the
/// inputs (a directory listing, no file reads) has finished; from then on
/// it is the real total, so the ETA means something on big folders.
struct Bar {
    bar: indicatif::ProgressBar,
    counted: Arc<std::sync::atomic::AtomicBool>,
}

impl Progress for Bar {
    fn found(&self) {
        if !self.counted.load(std::sync::atomic::Ordering::Acquire) {
            self.bar.inc_length(1);
        }
    }
    fn finished(&self, _outcomes: &[crate::process::Outcome]) {
        self.bar.inc(1);
    }
    fn done(&self) {
        self.bar.finish();
    }
}

impl Bar {
    /// A bar for `inputs`, counting them on a background thread.
    fn new(inputs: &[InputSpec]) -> Self {
        let bar = indicatif::ProgressBar::new(0);
        bar.set_style(
            indicatif::ProgressStyle::with_template(
                "{spinner} [{elapsed_precise}] {wide_bar} {pos}/{len} files ({per_sec}, eta {eta})",
            )
            .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
        );
        let counted = Arc::new(std::sync::atomic::AtomicBool::new(false));
        let (b, c, specs) = (bar.clone(), Arc::clone(&counted), inputs.to_vec());
        let counting = std::thread::Builder::new()
            .name("gleaner-count".into())
            .spawn(move || {
                let mut n = 0u64;
                crate::source::walk(&specs, |item| {
                    n += u64::from(item.is_ok());
                    !b.is_finished()
                });
                c.store(true, std::sync::atomic::Ordering::Release);
                b.set_length(n.max(b.position()));
            });
        if let Err(e) = counting {
            // The length then keeps growing as files are found.
            tracing::debug!(error = %e, "cannot start the thread that counts input files");
        }
        Self { bar, counted }
    }
}

fn cmd_run(registry: &Registry, args: RunArgs) -> ExitCode {
    let mut pipeline = match load(registry, &args.pipeline, !args.inputs.is_empty()) {
        Ok(p) => p,
        Err(code) => return code,
    };
    if let Some(c) = args.concurrency {
        pipeline.runner.concurrency = c;
    }
    if pipeline.source.watch && args.inputs.is_empty() {
        // `[source] watch = true`: `gleaner run` keeps running as the daemon.
        return crate::watch::cmd_watch(
            registry,
            crate::watch::WatchArgs::for_pipeline(args.pipeline, args.concurrency),
        );
    }
    let inputs: Vec<InputSpec> = if args.inputs.is_empty() {
        match &pipeline.source.path {
            Some(p) => vec![InputSpec::Folder {
                root: PathBuf::from(p),
                recursive: pipeline.source.recursive,
            }],
            None => {
                eprintln!("error: the pipeline has no source path and no --input was given");
                return ExitCode::from(2);
            }
        }
    } else {
        args.inputs
            .iter()
            .map(|p| InputSpec::from_path(p.clone(), pipeline.source.recursive))
            .collect()
    };
    let rt = match runtime() {
        Ok(rt) => rt,
        Err(code) => return code,
    };
    let show_bar = !args.no_progress && std::io::stderr().is_terminal();
    let progress: Arc<dyn Progress> = if show_bar {
        Arc::new(Bar::new(&inputs))
    } else {
        Arc::new(runner::NoProgress)
    };
    let pipeline = Arc::new(pipeline);
    let report = rt.block_on(runner::run(pipeline, inputs, Arc::clone(&progress)));
    progress.done();
    drop(progress);
    print_report(&report)
}

/// Prints the run summary to stderr and picks the exit code.
fn print_report(report: &RunReport) -> ExitCode {
    let secs = report.elapsed.as_secs_f64();
    let rate = if secs > 0.0 {
        format!(", {:.0} words/s", report.words as f64 / secs)
    } else {
        String::new()
    };
    eprintln!(
        "processed {} document{} from {} file{} in {:.2}s{rate}",
        report.processed,
        plural(report.processed),
        report.files,
        plural(report.files),
        secs
    );
    if report.failures.is_empty() {
        return ExitCode::SUCCESS;
    }
    eprintln!(
        "{} document{} failed:",
        report.failures.len(),
        plural(report.failures.len())
    );
    for f in &report.failures {
        eprintln!("  {}: {}: {}", f.path, f.stage, f.message);
    }
    ExitCode::from(1)
}

fn option_lines(out: &mut String, options: &[OptionInfo]) {
    if options.is_empty() {
        out.push_str("    (no options)\n");
        return;
    }
    let w = options.iter().map(|o| o.name.len()).max().unwrap_or(0);
    let tw = options.iter().map(|o| o.ty.len()).max().unwrap_or(0);
    for o in options {
        let default = o
            .default
            .map_or("required".to_string(), |d| format!("default {d}"));
        out.push_str(&format!(
            "    {:w$}  {:tw$}  {}  ({default})\n",
            o.name, o.ty, o.doc
        ));
    }
}

fn stage_block(out: &mut String, info: &StageInfo) {
    out.push_str(&format!("  {}: {}\n", info.type_name, info.description));
    if !info.provides.is_empty() {
        out.push_str(&format!("    provides: {}\n", info.provides.join(", ")));
    }
    if !info.requires.is_empty() {
        out.push_str(&format!("    requires: {}\n", info.requires.join(", ")));
    }
    option_lines(out, &info.options);
}

/// The text of `gleaner stages`.
pub fn stages_text(registry: &Registry) -> String {
    let mut out = String::new();
    out.push_str("[source]\n  folder: every supported file in a folder\n");
    option_lines(&mut out, &config::source_options());
    out.push_str("\n[ingest]\n");
    option_lines(&mut out, &gleaner_ingest::options_info());
    out.push_str("\n[normalize]\n");
    option_lines(&mut out, &gleaner_normalize::options_info());
    out.push_str("\n[runner]\n");
    option_lines(&mut out, &config::runner_options());
    out.push_str("\n[watch]  (gleaner watch, or [source] watch = true)\n");
    option_lines(&mut out, &crate::watch::watch_options());
    let infos = registry.infos();
    out.push_str("\n[analyzers.NAME] type = ...\n");
    for info in infos
        .iter()
        .filter(|i| i.kind == gleaner_core::StageKind::Analyzer)
    {
        stage_block(&mut out, info);
    }
    out.push_str("\n[sinks.NAME] type = ...\n");
    for info in infos
        .iter()
        .filter(|i| i.kind == gleaner_core::StageKind::Sink)
    {
        stage_block(&mut out, info);
    }
    out
}

fn report_result<E: std::fmt::Display>(r: Result<String, E>) -> ExitCode {
    match r {
        Ok(text) => {
            print!("{text}");
            if !text.ends_with('\n') {
                println!();
            }
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::from(1)
        }
    }
}

fn cmd_eval(e: EvalCommand) -> ExitCode {
    match e {
        EvalCommand::Entities { conll } => report_result(gleaner_entities::eval_conll(&conll)),
        EvalCommand::Dates { timeml, meantime } => {
            let mut code = ExitCode::SUCCESS;
            if let Some(dir) = timeml {
                code = report_result(gleaner_dates::eval_timeml(&dir));
            }
            if let Some(dir) = meantime {
                let c = report_result(gleaner_dates::eval_meantime(&dir));
                if c != ExitCode::SUCCESS {
                    code = c;
                }
            }
            code
        }
        EvalCommand::Claims { brat } => report_result(gleaner_claims::eval_brat(&brat)),
        EvalCommand::Extract { benchmark } => {
            report_result(gleaner_ingest::eval_extraction(&benchmark))
        }
    }
}

fn cmd_train(model: TrainTarget, args: &[String]) -> ExitCode {
    use gleaner_claims::ClaimsError;
    use gleaner_entities::EntitiesError;
    // A usage error is reported with the whole command and exits 2, like
    // every other usage error of the command line.
    let usage = |name: &str, message: &str| {
        let full = format!("usage: gleaner train {name} ");
        let message = message
            .replace("usage: train ", &full)
            .replace("usage: --", &format!("{full}--"));
        if message.starts_with("usage:") {
            eprintln!("error: {message}");
        } else {
            eprintln!("error: gleaner train {name}: {message}");
        }
        ExitCode::from(2)
    };
    match model {
        TrainTarget::Entities => match gleaner_entities::train_command(args) {
            Err(EntitiesError::Usage(m)) => usage("entities", &m),
            r => report_result(r),
        },
        TrainTarget::GivenNames => match gleaner_entities::names::given_names_command(args) {
            Err(EntitiesError::Usage(m)) => usage("given-names", &m),
            r => report_result(r),
        },
        TrainTarget::Claims => match gleaner_claims::train_command(args) {
            Err(ClaimsError::Usage(m)) => usage("claims", &m),
            r => report_result(r),
        },
    }
}
