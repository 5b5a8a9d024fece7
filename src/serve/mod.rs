//! `stakes serve`: build into a private folder, serve it on localhost, watch the sources, rebuild
//! only what changed, and tell open pages to reload (or show the errors) over Server-Sent Events.
//! It owns the order of starting up (listen, first build, watcher, HTTP) and what each rebuild
//! tells the terminal and the browser; it must not render or classify changes itself (that is
//! `rebuild` and `watch`) and never touches the user's `public/`.

pub mod http;
pub mod rebuild;
pub mod watch;

use std::net::{IpAddr, Ipv4Addr, SocketAddr, TcpListener};
use std::path::{Path, PathBuf};
use std::sync::{mpsc, Arc, RwLock};

use crate::content::LoadOptions;
use crate::error::{Error, Result, Warning};
use crate::progress::Progress;

use http::{ServerState, Serving, Status};
use rebuild::{RebuildReport, Workspace};

/// What `stakes serve` was asked to do.
#[derive(Debug, Clone)]
pub struct ServeOptions {
    /// The site root.
    pub root: PathBuf,
    /// Port; 0 picks a free one.
    pub port: u16,
    /// Address to listen on; `None` means 127.0.0.1 and a strict Host check.
    pub bind: Option<IpAddr>,
    /// Show drafts (the default in serve).
    pub include_drafts: bool,
    /// Show articles that publish later, marked (the default in serve; issue #18).
    pub include_future: bool,
    /// The moment to preview the site as of (`--now`); `None` reads the clock on each build.
    pub now: Option<jiff::Timestamp>,
    /// Counters of the first build, which may resize many photos, for the command line to
    /// draw (later builds are counted apart).
    pub progress: Arc<Progress>,
}

/// Things the server reports while it runs; the CLI prints them.
#[derive(Debug)]
pub enum ServeEvent {
    /// The server is up at this URL.
    Listening(String),
    /// A (re)build succeeded.
    Built(RebuildReport),
    /// A (re)build failed; the last good pages, if there are any, are still served.
    Failed {
        /// Every problem found.
        error: Error,
        /// Whether an earlier build succeeded, so its pages are what the server shows.
        serving_last_good: bool,
    },
    /// Something the user should know.
    Warning(Warning),
}

/// Runs the preview server until Ctrl-C. `report` receives progress to print.
pub fn run<F>(options: ServeOptions, report: F) -> Result<()>
where
    F: Fn(ServeEvent) + Send + Sync + 'static,
{
    // Refused before anything starts, like `build` does (issue #16).
    crate::site::check_root(&options.root)?;
    // The watcher reports absolute paths (notify joins a relative path to the current folder
    // as it is, `/home/me/site/./content/a.md`), and every change is classified by stripping
    // the root from them: with a relative root nothing matched and no edit ever reloaded
    // (issue #16). The canonical form also matches the paths of a root reached by a symlink.
    // On Windows, a plain `C:\…` path rather than `\\?\C:\…`, in which `/` is no separator
    // and the `/`-separated content paths joined to the root would name nothing (issue #22).
    let root = dunce::canonicalize(&options.root).map_err(|e| Error::io(&options.root, e))?;
    let report = Arc::new(report);
    let listening = listen(&options)?;
    if let Some(warning) = listening.exposure_warning() {
        report(ServeEvent::Warning(warning));
    }
    let scratch = tempfile::Builder::new()
        .prefix("stakes-serve-")
        .tempdir()
        .map_err(|e| Error::io(std::env::temp_dir(), e))?;
    let mut workspace = Workspace::new(
        &root,
        listening.url.clone(),
        LoadOptions {
            include_drafts: options.include_drafts,
            include_future: options.include_future,
            now: options.now,
        },
        scratch.path(),
    )
    .counting_first_build(Arc::clone(&options.progress));
    let (events, _) = tokio::sync::broadcast::channel(16);
    let state = Arc::new(ServerState {
        output: RwLock::new(None),
        status: RwLock::new(Status::default()),
        events,
        allowed_hosts: listening.allowed_hosts.clone(),
    });
    let first = workspace.full().map(Some);
    publish(&state, &report, &workspace, first);
    spawn_rebuilds(&root, workspace, Arc::clone(&state), Arc::clone(&report))?;
    serve_until_stopped(listening, state, report)?;
    drop(scratch);
    Ok(())
}

/// The socket the server listens on, and how it is shown and guarded.
struct Listening {
    listener: TcpListener,
    address: SocketAddr,
    /// Whether the user chose the address with `--bind`.
    explicit_bind: bool,
    /// What the terminal shows: `http://127.0.0.1:1111/`.
    url: String,
    /// The `Host` headers accepted; `None` (with `--bind`) accepts any.
    allowed_hosts: Option<Vec<String>>,
}

impl Listening {
    /// A warning when `--bind` exposes the preview beyond this machine.
    fn exposure_warning(&self) -> Option<Warning> {
        (self.explicit_bind && !self.address.ip().is_loopback()).then(|| {
            Warning::new(
                crate::Location::file("--bind"),
                format!("serving on {}: anyone who can reach this machine can read the preview, drafts included", self.address.ip()),
            )
        })
    }
}

/// Binds the address and port asked for (127.0.0.1 unless `--bind`; port 0 picks one).
fn listen(options: &ServeOptions) -> Result<Listening> {
    let explicit_bind = options.bind.is_some();
    let address = SocketAddr::new(
        options.bind.unwrap_or(IpAddr::V4(Ipv4Addr::LOCALHOST)),
        options.port,
    );
    let listener = TcpListener::bind(address).map_err(|err| bind_error(address, err))?;
    let port = listener
        .local_addr()
        .map_err(|e| Error::Server(e.to_string()))?
        .port();
    let shown_host = match address.ip() {
        ip if ip.is_unspecified() => "localhost".to_string(),
        IpAddr::V6(ip) => format!("[{ip}]"),
        ip => ip.to_string(),
    };
    Ok(Listening {
        listener,
        address,
        explicit_bind,
        url: format!("http://{shown_host}:{port}/"),
        allowed_hosts: (!explicit_bind).then(|| allowed_hosts(port)),
    })
}

/// Starts the watcher and the thread that applies each batch of changes to `workspace`,
/// publishing every outcome.
fn spawn_rebuilds<F>(
    root: &Path,
    mut workspace: Workspace,
    state: Arc<ServerState>,
    report: Arc<F>,
) -> Result<()>
where
    F: Fn(ServeEvent) + Send + Sync + 'static,
{
    let (sender, batches) = mpsc::channel::<Vec<PathBuf>>();
    let mut watcher = watch::Watcher::start(root, sender)?;
    std::thread::Builder::new()
        .name("stakes-rebuild".into())
        .spawn(move || {
            while let Ok(mut paths) = batches.recv() {
                while let Ok(more) = batches.try_recv() {
                    paths.extend(more);
                }
                if let Err(error) = watcher.watch_new_folders() {
                    let serving_last_good = state.has_output();
                    report(ServeEvent::Failed {
                        error,
                        serving_last_good,
                    });
                }
                let outcome = workspace.apply(&paths);
                publish(&state, &report, &workspace, outcome);
                // A failure here leaves the last index: the next full rebuild writes it.
                let _ = workspace.refresh_search();
            }
        })
        .map_err(|e| Error::Server(e.to_string()))?;
    Ok(())
}

/// Serves HTTP on `listening` until Ctrl-C or SIGTERM.
fn serve_until_stopped<F>(
    listening: Listening,
    state: Arc<ServerState>,
    report: Arc<F>,
) -> Result<()>
where
    F: Fn(ServeEvent) + Send + Sync + 'static,
{
    let Listening { listener, url, .. } = listening;
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .map_err(|e| Error::Server(e.to_string()))?;
    runtime.block_on(async move {
        listener
            .set_nonblocking(true)
            .map_err(|e| Error::Server(e.to_string()))?;
        let listener = tokio::net::TcpListener::from_std(listener)
            .map_err(|e| Error::Server(e.to_string()))?;
        report(ServeEvent::Listening(url));
        let (stopping, mut stopped) = tokio::sync::watch::channel(false);
        let server =
            axum::serve(listener, http::router(state)).with_graceful_shutdown(async move {
                shutdown_signal().await;
                let _ = stopping.send(true);
            });
        // Open live-reload streams never end by themselves: give requests a moment to finish,
        // then stop regardless.
        let grace = async move {
            let _ = stopped.changed().await;
            tokio::time::sleep(std::time::Duration::from_millis(300)).await;
        };
        tokio::select! {
            result = server => result.map_err(|e| Error::Server(e.to_string())),
            () = grace => Ok(()),
        }
    })
}

/// Resolves on Ctrl-C, or on SIGTERM where there is one, so the scratch folder is removed.
async fn shutdown_signal() {
    #[cfg(unix)]
    {
        let mut terminate =
            match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
                Ok(signal) => signal,
                Err(_) => {
                    let _ = tokio::signal::ctrl_c().await;
                    return;
                }
            };
        tokio::select! {
            _ = tokio::signal::ctrl_c() => {}
            _ = terminate.recv() => {}
        }
    }
    #[cfg(not(unix))]
    {
        let _ = tokio::signal::ctrl_c().await;
    }
}

/// Hosts a browser may name when it talks to us on loopback.
fn allowed_hosts(port: u16) -> Vec<String> {
    ["127.0.0.1", "localhost", "[::1]"]
        .iter()
        .flat_map(|host| [format!("{host}:{port}"), host.to_string()])
        .collect()
}

fn bind_error(address: SocketAddr, err: std::io::Error) -> Error {
    let message = match err.kind() {
        std::io::ErrorKind::AddrInUse => format!(
            "port {} is already in use: choose another with --port {} (or --port 0 to pick a free one)",
            address.port(),
            address.port().wrapping_add(1).max(1)
        ),
        std::io::ErrorKind::PermissionDenied => format!(
            "not allowed to listen on {address}: ports below 1024 need privileges; try --port 1111"
        ),
        _ => format!("cannot listen on {address}: {err}"),
    };
    Error::Server(message)
}

/// Shares a rebuild's outcome with the terminal and every open page.
fn publish<F>(
    state: &ServerState,
    report: &Arc<F>,
    workspace: &Workspace,
    outcome: Result<Option<RebuildReport>>,
) where
    F: Fn(ServeEvent) + Send + Sync + 'static,
{
    match outcome {
        Ok(None) => {}
        Ok(Some(done)) => {
            *state.output.write().expect("output lock") = Some(workspace.output());
            let (errors, serving) = match &done.errors {
                Some(error) => (shown(error), Serving::AllButErrors),
                None => (Vec::new(), Serving::Everything),
            };
            state.publish(Status {
                generation: workspace.generation_marker(),
                errors,
                serving,
            });
            for warning in &done.warnings {
                report(ServeEvent::Warning(warning.clone()));
            }
            report(ServeEvent::Built(done));
        }
        Err(error) => {
            let generation = state.status.read().expect("status lock").generation;
            state.publish(Status {
                generation,
                errors: shown(&error),
                serving: if state.has_output() {
                    Serving::LastGood
                } else {
                    Serving::Nothing
                },
            });
            report(ServeEvent::Failed {
                error,
                serving_last_good: state.has_output(),
            });
        }
    }
}

/// Each problem of an error as the overlay lists it (`file:line: message`).
fn shown(error: &Error) -> Vec<String> {
    error.problems().iter().map(|p| p.to_string()).collect()
}
