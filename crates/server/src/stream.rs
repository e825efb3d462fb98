//! A response body that sends lines as a task produces them (progress of a long screening).

use bytes::Bytes;
use http_body::{Body, Frame};
use std::pin::Pin;
use std::task::{Context, Poll};
use tokio::sync::mpsc::Receiver;

/// Each string received becomes a chunk of the body; the body ends when the sender is dropped.
pub struct Lines {
    rx: Receiver<String>,
}

impl Lines {
    pub fn new(rx: Receiver<String>) -> Lines {
        Lines { rx }
    }
}

impl Body for Lines {
    type Data = Bytes;
    type Error = std::convert::Infallible;

    fn poll_frame(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Result<Frame<Bytes>, Self::Error>>> {
        self.rx.poll_recv(cx).map(|line| line.map(|l| Ok(Frame::data(Bytes::from(l)))))
    }
}
