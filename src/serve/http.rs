//! The preview's HTTP side: serves files from the current build only, refuses anything that
//! could reach outside it, injects the live-reload script into HTML responses (never into the
//! files `stakes build` writes), and streams build status to open pages over Server-Sent Events.

use std::convert::Infallible;
use std::path::{Component, Path, PathBuf};
use std::sync::{Arc, RwLock};

use axum::body::Body;
use axum::extract::State;
use axum::http::{header, HeaderMap, HeaderValue, Method, StatusCode, Uri};
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use serde::Serialize;
use tokio::sync::broadcast;

/// The live-reload event stream's path; chosen not to clash with site content.
pub const EVENTS_PATH: &str = "/__stakes/events";

/// The state of the last build as open pages see it.
#[derive(Debug, Clone, Default, Serialize, PartialEq, Eq)]
pub struct Status {
    /// Changes after every successful rebuild; a page built from another generation reloads.
    pub generation: u64,
    /// The errors of the last rebuild (`file:line: message`); empty when it had none.
    pub errors: Vec<String>,
    /// What the server shows while there are errors, so the overlay says what is true.
    pub serving: Serving,
}

/// What the server shows, as the overlay tells it.
#[derive(Debug, Clone, Copy, Default, Serialize, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum Serving {
    /// The last build, which had no errors.
    #[default]
    Everything,
    /// The last build, without the pages that have errors (or with their last good version).
    AllButErrors,
    /// An earlier build: the last one failed as a whole.
    LastGood,
    /// Nothing: no build has succeeded yet.
    Nothing,
}

/// What the HTTP handlers share with the rebuild thread.
pub struct ServerState {
    /// Folder of the current good build.
    pub output: RwLock<Option<PathBuf>>,
    /// Last build status.
    pub status: RwLock<Status>,
    /// Status updates for open pages, as JSON.
    pub events: broadcast::Sender<String>,
    /// Host headers accepted; `None` when the user chose `--bind` and any host is allowed.
    pub allowed_hosts: Option<Vec<String>>,
}

impl ServerState {
    /// Whether a build has succeeded, so there are pages to serve.
    pub fn has_output(&self) -> bool {
        self.output.read().expect("output lock").is_some()
    }

    /// Publishes a new status to every open page.
    pub fn publish(&self, status: Status) {
        let json = serde_json::to_string(&status).expect("status serialises");
        *self.status.write().expect("status lock") = status;
        let _ = self.events.send(json);
    }
}

/// The router: the event stream, and every other path served from the build.
pub fn router(state: Arc<ServerState>) -> Router {
    Router::new()
        .route(EVENTS_PATH, get(events))
        .fallback(serve_file)
        .with_state(state)
}

/// Where a request path leads in the build folder.
#[derive(Debug, PartialEq, Eq)]
pub enum Resolved {
    /// Serve this file.
    File(PathBuf),
    /// A folder asked for without its trailing slash: redirect here.
    Redirect(String),
    /// Nothing (or nothing we will serve).
    NotFound,
}

/// Maps a raw (still percent-encoded) request path to a file under `dir`. Traversal in any
/// spelling (`..`, `%2e%2e`, encoded slashes or backslashes, NUL), absolute paths and symlinks
/// leading out of `dir` all come back as `NotFound`.
pub fn resolve(dir: &Path, raw_path: &str) -> Resolved {
    let lowered = raw_path.to_ascii_lowercase();
    if !raw_path.starts_with('/')
        || raw_path.starts_with("//")
        || ["%2f", "%5c", "%00"].iter().any(|e| lowered.contains(e))
    {
        return Resolved::NotFound;
    }
    let Some(decoded) = percent_decode(raw_path) else {
        return Resolved::NotFound;
    };
    if decoded.contains(['\\', '\0']) {
        return Resolved::NotFound;
    }
    let trimmed = decoded.trim_start_matches('/');
    let segments: Vec<&str> = if trimmed.is_empty() {
        Vec::new()
    } else {
        trimmed.split('/').collect()
    };
    let (last, folders) = match segments.split_last() {
        Some((last, folders)) => (*last, folders),
        None => ("", &[][..]),
    };
    if folders
        .iter()
        .any(|s| s.is_empty() || *s == "." || *s == "..")
        || last == "."
        || last == ".."
    {
        return Resolved::NotFound;
    }
    let mut candidate = dir.to_path_buf();
    for segment in segments.iter().filter(|s| !s.is_empty()) {
        if Path::new(segment)
            .components()
            .any(|c| !matches!(c, Component::Normal(_)))
        {
            return Resolved::NotFound;
        }
        candidate.push(segment);
    }
    if candidate.is_dir() {
        if !raw_path.ends_with('/') {
            return Resolved::Redirect(format!("{raw_path}/"));
        }
        candidate.push("index.html");
    }
    if !candidate.is_file() {
        return Resolved::NotFound;
    }
    match (candidate.canonicalize(), dir.canonicalize()) {
        (Ok(file), Ok(root)) if file.starts_with(&root) => Resolved::File(file),
        _ => Resolved::NotFound,
    }
}

/// The request path decoded, or `None` when its escapes do not make UTF-8 (no file of the
/// build has such a name). Escapes that are not two hex digits stay as they are.
fn percent_decode(raw: &str) -> Option<String> {
    percent_encoding::percent_decode_str(raw)
        .decode_utf8()
        .ok()
        .map(std::borrow::Cow::into_owned)
}

/// The `Content-Type` for a served file, by extension.
pub fn content_type(path: &Path) -> &'static str {
    let extension = path
        .extension()
        .and_then(|e| e.to_str())
        .unwrap_or("")
        .to_ascii_lowercase();
    match extension.as_str() {
        "html" | "htm" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "json" => "application/json",
        "xml" => "application/xml",
        "txt" => "text/plain; charset=utf-8",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "avif" => "image/avif",
        "ico" => "image/x-icon",
        "woff" => "font/woff",
        "woff2" => "font/woff2",
        "ttf" => "font/ttf",
        "otf" => "font/otf",
        "pdf" => "application/pdf",
        "mp4" => "video/mp4",
        "webm" => "video/webm",
        "mp3" => "audio/mpeg",
        "csv" => "text/csv; charset=utf-8",
        "gz" => "application/gzip",
        "br" => "application/octet-stream",
        _ => "application/octet-stream",
    }
}

/// Puts the live-reload script before `</body>` (or at the end).
pub fn inject_reload_script(html: &[u8], generation: u64) -> Vec<u8> {
    let script = reload_script(generation);
    let position = html
        .windows(7)
        .rposition(|w| w.eq_ignore_ascii_case(b"</body>"))
        .unwrap_or(html.len());
    let mut out = Vec::with_capacity(html.len() + script.len());
    out.extend_from_slice(&html[..position]);
    out.extend_from_slice(script.as_bytes());
    out.extend_from_slice(&html[position..]);
    out
}

fn reload_script(generation: u64) -> String {
    // Builds the overlay with textContent only: error text is never parsed as HTML.
    format!(
        r#"<script>/* stakes serve: live reload */(function(){{var G={generation},box=null;
function show(list,serving){{if(!list.length){{if(box){{box.remove();box=null;}}return;}}
if(!box){{box=document.createElement("div");box.id="stakes-error-overlay";box.setAttribute("role","alert");
box.style.cssText="position:fixed;left:0;right:0;bottom:0;max-height:70vh;overflow:auto;z-index:2147483647;background:#2d0b0b;color:#ffecec;font:14px/1.5 ui-monospace,Menlo,Consolas,monospace;padding:16px 20px;border-top:4px solid #ff6b6b;white-space:pre-wrap;box-shadow:0 -4px 24px rgba(0,0,0,.4)";
document.body.appendChild(box);}}
box.textContent="";var n=list.length+(list.length==1?" error":" errors"),h=document.createElement("strong");
h.textContent=serving=="all_but_errors"?"stakes: "+n+". The pages with errors show their last good version, or are left out until they are fixed; the rest of the site is up to date.":serving=="nothing"?"stakes: the site did not build ("+n+"). Fix them and save: this page reloads when it builds.":"stakes: the site did not rebuild ("+n+"). You are seeing the last good version.";box.appendChild(h);
for(var i=0;i<list.length;i++){{var p=document.createElement("div");p.className="stakes-error";p.textContent=list[i];box.appendChild(p);}}}}
var es=new EventSource("{EVENTS_PATH}");
es.addEventListener("status",function(e){{var s=JSON.parse(e.data);if(s.generation!==G&&s.serving!="last_good"&&s.serving!="nothing"){{location.reload();}}else{{show(s.errors,s.serving);}}}});
}})();</script>"#
    )
}

fn host_allowed(state: &ServerState, headers: &HeaderMap) -> bool {
    let Some(allowed) = &state.allowed_hosts else {
        return true;
    };
    headers
        .get(header::HOST)
        .and_then(|h| h.to_str().ok())
        .is_some_and(|host| allowed.iter().any(|a| a.eq_ignore_ascii_case(host)))
}

fn same_origin(headers: &HeaderMap) -> bool {
    let Some(origin) = headers.get(header::ORIGIN) else {
        return true;
    };
    let host = headers
        .get(header::HOST)
        .and_then(|h| h.to_str().ok())
        .unwrap_or("");
    origin
        .to_str()
        .is_ok_and(|o| o.eq_ignore_ascii_case(&format!("http://{host}")))
}

fn plain(status: StatusCode, text: &'static str) -> Response {
    let mut response = (status, text).into_response();
    no_store(&mut response);
    response
}

fn no_store(response: &mut Response) {
    let headers = response.headers_mut();
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    headers.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
}

async fn serve_file(
    State(state): State<Arc<ServerState>>,
    method: Method,
    headers: HeaderMap,
    uri: Uri,
) -> Response {
    if method != Method::GET && method != Method::HEAD {
        let mut response = plain(
            StatusCode::METHOD_NOT_ALLOWED,
            "Only GET and HEAD are allowed.\n",
        );
        response
            .headers_mut()
            .insert(header::ALLOW, HeaderValue::from_static("GET, HEAD"));
        return response;
    }
    if !host_allowed(&state, &headers) {
        return plain(
            StatusCode::FORBIDDEN,
            "This preview server only answers requests for its own address.\n",
        );
    }
    let output = state.output.read().expect("output lock").clone();
    let generation = state.status.read().expect("status lock").generation;
    let head = method == Method::HEAD;
    let Some(dir) = output else {
        return html_response(StatusCode::SERVICE_UNAVAILABLE, b"<!doctype html><title>Building</title><body><p>The site has not built yet.</p></body>".to_vec(), generation, head);
    };
    match tokio::task::spawn_blocking({
        let dir = dir.clone();
        let path = uri.path().to_string();
        move || resolve(&dir, &path)
    })
    .await
    .unwrap_or(Resolved::NotFound)
    {
        Resolved::File(file) => match tokio::fs::read(&file).await {
            Ok(bytes) => file_response(&file, bytes, generation, head),
            Err(_) => not_found(&dir, uri.path(), generation, head).await,
        },
        Resolved::Redirect(location) => {
            let location = match uri.query() {
                Some(query) => format!("{location}?{query}"),
                None => location,
            };
            let mut response = plain(StatusCode::MOVED_PERMANENTLY, "Moved.\n");
            if let Ok(value) = HeaderValue::from_str(&location) {
                response.headers_mut().insert(header::LOCATION, value);
            }
            response
        }
        Resolved::NotFound => not_found(&dir, uri.path(), generation, head).await,
    }
}

/// The site's 404 page, or the 404 page of the edition the path is in (`/fr/…` → `fr/404.html`,
/// issue #21), as a host set up as the README says serves it.
async fn not_found(dir: &Path, path: &str, generation: u64, head: bool) -> Response {
    let first = path.trim_start_matches('/').split('/').next().unwrap_or("");
    let edition = (!first.is_empty() && !first.contains(['.', '\\']))
        .then(|| dir.join(first).join("404.html"))
        .filter(|page| page.is_file());
    let page = tokio::fs::read(edition.unwrap_or_else(|| dir.join("404.html")))
        .await
        .unwrap_or_else(|_| {
            b"<!doctype html><title>Not found</title><body><h1>Not found</h1></body>".to_vec()
        });
    html_response(StatusCode::NOT_FOUND, page, generation, head)
}

fn html_response(status: StatusCode, html: Vec<u8>, generation: u64, head: bool) -> Response {
    let body = inject_reload_script(&html, generation);
    respond(status, "text/html; charset=utf-8", body, head)
}

fn file_response(file: &Path, bytes: Vec<u8>, generation: u64, head: bool) -> Response {
    let kind = content_type(file);
    if kind.starts_with("text/html") {
        html_response(StatusCode::OK, bytes, generation, head)
    } else {
        respond(StatusCode::OK, kind, bytes, head)
    }
}

fn respond(status: StatusCode, kind: &'static str, body: Vec<u8>, head: bool) -> Response {
    let length = body.len();
    let mut response = Response::new(if head {
        Body::empty()
    } else {
        Body::from(body)
    });
    *response.status_mut() = status;
    let headers = response.headers_mut();
    headers.insert(header::CONTENT_TYPE, HeaderValue::from_static(kind));
    headers.insert(header::CONTENT_LENGTH, HeaderValue::from(length));
    no_store(&mut response);
    response
}

async fn events(State(state): State<Arc<ServerState>>, headers: HeaderMap) -> Response {
    if !host_allowed(&state, &headers) || !same_origin(&headers) {
        return plain(
            StatusCode::FORBIDDEN,
            "Live reload is only for pages of this server.\n",
        );
    }
    let receiver = state.events.subscribe();
    let first = serde_json::to_string(&*state.status.read().expect("status lock"))
        .expect("status serialises");
    let stream = futures_util::stream::unfold(
        (Some(first), receiver),
        |(first, mut receiver)| async move {
            if let Some(json) = first {
                return Some((
                    Ok::<_, Infallible>(Event::default().event("status").data(json)),
                    (None, receiver),
                ));
            }
            loop {
                match receiver.recv().await {
                    Ok(json) => {
                        return Some((
                            Ok(Event::default().event("status").data(json)),
                            (None, receiver),
                        ))
                    }
                    Err(broadcast::error::RecvError::Lagged(_)) => continue,
                    Err(broadcast::error::RecvError::Closed) => return None,
                }
            }
        },
    );
    let mut response = Sse::new(stream)
        .keep_alive(KeepAlive::default())
        .into_response();
    no_store(&mut response);
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    fn site() -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("world/summit")).unwrap();
        std::fs::write(dir.path().join("index.html"), "home").unwrap();
        std::fs::write(dir.path().join("world/summit/index.html"), "summit").unwrap();
        std::fs::write(dir.path().join("a b.css"), "x").unwrap();
        dir
    }

    #[test]
    fn ordinary_paths_resolve_and_folders_redirect_to_a_trailing_slash() {
        let dir = site();
        let root = dir.path().canonicalize().unwrap();
        assert_eq!(
            resolve(dir.path(), "/"),
            Resolved::File(root.join("index.html"))
        );
        assert_eq!(
            resolve(dir.path(), "/world/summit/"),
            Resolved::File(root.join("world/summit/index.html"))
        );
        assert_eq!(
            resolve(dir.path(), "/world/summit"),
            Resolved::Redirect("/world/summit/".into())
        );
        assert_eq!(
            resolve(dir.path(), "/a%20b.css"),
            Resolved::File(root.join("a b.css"))
        );
        assert_eq!(resolve(dir.path(), "/nope/"), Resolved::NotFound);
    }

    #[test]
    fn traversal_in_every_spelling_is_refused() {
        let outer = tempfile::tempdir().unwrap();
        let dir = outer.path().join("out");
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(outer.path().join("secret.txt"), "secret").unwrap();
        #[cfg(unix)]
        std::os::unix::fs::symlink(outer.path().join("secret.txt"), dir.join("link.txt")).unwrap();
        for attack in [
            "/../secret.txt",
            "/%2e%2e/secret.txt",
            "/%2E%2E/secret.txt",
            "/..%2fsecret.txt",
            "/..%2Fsecret.txt",
            "/%5c..%5csecret.txt",
            "/..\\secret.txt",
            "//etc/passwd",
            "/./index.html",
            "/link.txt",
            "/%00",
            "etc/passwd",
            "/%ff",
        ] {
            assert_eq!(resolve(&dir, attack), Resolved::NotFound, "{attack}");
        }
    }

    #[test]
    fn html_gets_the_reload_script_before_the_body_ends() {
        let out = String::from_utf8(inject_reload_script(
            b"<html><body><p>x</p></body></html>",
            7,
        ))
        .unwrap();
        assert!(out.contains("var G=7"));
        // The overlay says what is served: each status has its own, true heading.
        for (serving, heading) in [
            (
                "all_but_errors",
                "The pages with errors show their last good version",
            ),
            ("nothing", "the site did not build"),
            ("last_good", "You are seeing the last good version."),
        ] {
            assert!(out.contains(serving) && out.contains(heading), "{serving}");
        }
        assert!(out.find("<script>").unwrap() < out.find("</body>").unwrap());
        assert!(out.ends_with("</body></html>"));
        let bare = String::from_utf8(inject_reload_script(b"<p>x</p>", 1)).unwrap();
        assert!(bare.starts_with("<p>x</p><script>"));
    }

    #[test]
    fn content_types_cover_the_web_formats() {
        for (name, kind) in [
            ("a.html", "text/html; charset=utf-8"),
            ("a.css", "text/css; charset=utf-8"),
            ("a.js", "text/javascript; charset=utf-8"),
            ("a.svg", "image/svg+xml"),
            ("a.JPG", "image/jpeg"),
            ("a.webp", "image/webp"),
            ("a.xml", "application/xml"),
            ("a.json", "application/json"),
            ("a.woff2", "font/woff2"),
        ] {
            assert_eq!(content_type(Path::new(name)), kind);
        }
    }
}
