//! The HTTP transport of `tsunagi serve`: one thread per connection and one request per
//! connection (`Connection: close`), GET and HEAD only, on the standard library.
//!
//! It replaced tiny_http 0.12, whose connection pool can leave a new connection queued behind
//! idle keep-alive connections of the same browser when two arrive at once (its `TaskPool`
//! counts a waiting thread that was already woken for the first): a page then waited forever for
//! one of its files, most often under load. A preview server for one person needs none of
//! keep-alive's savings, and each request here has its own thread from the start.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::time::Duration;

/// The longest request head read (the request line and headers); a browser's is about 1 KB.
const MAX_HEAD: u64 = 16 * 1024;

/// A request, as far as `serve` needs it: its target as sent (path and query).
pub(crate) struct Request {
    /// `GET` or `HEAD`.
    pub method: String,
    /// The request target as sent, not normalised (`/hanno/../x?q=1`).
    pub url: String,
    stream: TcpStream,
}

/// An answer, whole in memory, sent with its length.
pub(crate) struct Response {
    /// HTTP status code.
    pub status: u16,
    /// Header fields, in order.
    pub headers: Vec<(&'static str, String)>,
    /// The body (not sent for HEAD).
    pub body: Vec<u8>,
}

impl Request {
    /// Sends `response` and closes the connection.
    pub(crate) fn respond(mut self, response: Response) {
        let mut head = format!(
            "HTTP/1.1 {} {}\r\nContent-Length: {}\r\nConnection: close\r\n",
            response.status,
            reason(response.status),
            response.body.len()
        );
        for (name, value) in &response.headers {
            // A value is ours, but never let one break the head.
            if !value.contains(['\r', '\n']) {
                head.push_str(&format!("{name}: {value}\r\n"));
            }
        }
        head.push_str("\r\n");
        let _ = self.stream.write_all(head.as_bytes());
        if self.method != "HEAD" {
            let _ = self.stream.write_all(&response.body);
        }
        let _ = self.stream.flush();
    }

    /// The connection itself, for a response written as it comes (the event stream).
    pub(crate) fn into_stream(self) -> TcpStream {
        self.stream
    }
}

/// Listens on `addr` (port 0: any free port).
pub(crate) fn bind(addr: SocketAddr) -> std::io::Result<TcpListener> {
    TcpListener::bind(addr)
}

/// Accepts connections for ever, each on its own thread: a well-formed GET or HEAD goes to
/// `handle`; anything else is answered 400 or 405 here.
pub(crate) fn serve(
    listener: &TcpListener,
    handle: impl Fn(Request) + Send + Sync + Clone + 'static,
) {
    for stream in listener.incoming().flatten() {
        let handle = handle.clone();
        std::thread::spawn(move || {
            if let Some(request) = read_request(stream) {
                handle(request);
            }
        });
    }
}

/// Reads the request head; answers a malformed one itself (`None`).
fn read_request(stream: TcpStream) -> Option<Request> {
    // A client that opens a connection and says nothing does not keep a thread for long.
    let _ = stream.set_read_timeout(Some(Duration::from_secs(30)));
    let mut reader = BufReader::new(stream.try_clone().ok()?).take(MAX_HEAD);
    let mut line = String::new();
    reader.read_line(&mut line).ok()?;
    // The headers are read and dropped: serve answers by the target alone.
    loop {
        let mut header = String::new();
        match reader.read_line(&mut header) {
            Ok(0) => break,
            Ok(_) if header == "\r\n" || header == "\n" => break,
            Ok(_) => {}
            Err(_) => return None,
        }
    }
    let mut parts = line.split_whitespace();
    let (method, url, version) = (parts.next(), parts.next(), parts.next());
    let http1 = version.is_some_and(|v| v.starts_with("HTTP/1."));
    let mut request = Request {
        method: method.unwrap_or("GET").to_string(),
        url: url.unwrap_or("/").to_string(),
        stream,
    };
    if !http1 || url.is_none() {
        request.method = "GET".into();
        request.respond(plain(400, "bad request\n"));
        return None;
    }
    if !matches!(request.method.as_str(), "GET" | "HEAD") {
        request.method = "GET".into();
        request.respond(plain(405, "GET or HEAD only\n"));
        return None;
    }
    Some(request)
}

/// A short plain-text answer.
fn plain(status: u16, text: &str) -> Response {
    Response {
        status,
        headers: vec![("Content-Type", "text/plain; charset=utf-8".to_string())],
        body: text.as_bytes().to_vec(),
    }
}

/// The reason phrase of the statuses serve sends.
fn reason(status: u16) -> &'static str {
    match status {
        200 => "OK",
        301 => "Moved Permanently",
        400 => "Bad Request",
        404 => "Not Found",
        405 => "Method Not Allowed",
        _ => "",
    }
}

/// Writes the head of an event stream (`text/event-stream`, kept open).
pub(crate) fn event_stream_head(stream: &mut TcpStream) -> std::io::Result<()> {
    let head = "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nCache-Control: no-store\r\nConnection: close\r\n\r\n: connected\n\n";
    stream.write_all(head.as_bytes())?;
    stream.flush()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn exchange(raw: &str) -> String {
        let listener = bind("127.0.0.1:0".parse().unwrap()).unwrap();
        let addr = listener.local_addr().unwrap();
        std::thread::spawn(move || {
            serve(&listener, |r: Request| {
                let body = r.url.clone().into_bytes();
                r.respond(Response {
                    status: 200,
                    headers: vec![("Content-Type", "text/plain".into())],
                    body,
                });
            });
        });
        let mut s = TcpStream::connect(addr).unwrap();
        s.write_all(raw.as_bytes()).unwrap();
        let mut out = String::new();
        s.read_to_string(&mut out).unwrap();
        out
    }

    #[test]
    fn one_request_a_connection_with_its_length_and_the_target_as_sent() {
        let out = exchange("GET /a/../b?q=1 HTTP/1.1\r\nHost: x\r\n\r\n");
        assert!(out.starts_with("HTTP/1.1 200 OK\r\n"), "{out}");
        assert!(
            out.contains("Content-Length: 11\r\nConnection: close\r\n"),
            "{out}"
        );
        assert!(out.ends_with("\r\n\r\n/a/../b?q=1"), "{out}");
        let head = exchange("HEAD / HTTP/1.1\r\n\r\n");
        assert!(head.ends_with("\r\n\r\n"), "no body for HEAD: {head}");
        assert!(exchange("POST / HTTP/1.1\r\n\r\n").starts_with("HTTP/1.1 405"));
        assert!(exchange("nonsense\r\n\r\n").starts_with("HTTP/1.1 400"));
    }

    #[test]
    fn a_burst_of_connections_is_answered_while_others_stay_open() {
        let listener = bind("127.0.0.1:0".parse().unwrap()).unwrap();
        let addr = listener.local_addr().unwrap();
        std::thread::spawn(move || {
            serve(&listener, |r: Request| {
                r.respond(Response {
                    status: 200,
                    headers: Vec::new(),
                    body: b"ok".to_vec(),
                });
            });
        });
        // Connections opened and left silent, as a browser keeps spare ones.
        let idle: Vec<TcpStream> = (0..8).map(|_| TcpStream::connect(addr).unwrap()).collect();
        let answers: Vec<_> = (0..8)
            .map(|_| {
                std::thread::spawn(move || {
                    let mut s = TcpStream::connect(addr).unwrap();
                    s.write_all(b"GET / HTTP/1.1\r\n\r\n").unwrap();
                    let mut out = String::new();
                    s.read_to_string(&mut out).unwrap();
                    out
                })
            })
            .collect();
        for a in answers {
            assert!(a.join().unwrap().ends_with("ok"));
        }
        drop(idle);
    }
}
