//! Writing an outline while it is built: each top-level block gets its
//! paragraphs' texts (which the builder leaves to the writer, see
//! `tree::blocks::TextFiller`) and its line and column, is written as JSON
//! and freed as soon as it is final.
//!
//! [`OutlineWriter`] takes the blocks in text order. [`crate::write_json`]
//! feeds it from the tree builder on one thread; [`crate::write_json_pipelined`]
//! runs the builder on a second thread and hands the blocks over in
//! batches, so that building and writing overlap.

use std::io::{self, Write};
use std::sync::mpsc::{channel, sync_channel, Receiver, SyncSender};

use crate::source::{LineIndex, Position};
use crate::syntax::LineInfo;
use crate::tree::{self, Block, DeferredMarker, JsonStream, Segmentation, TextFiller, Title};
use crate::{source_of, Decoded, Options, Recognized, VERSION};

/// Writes the JSON of an outline whose top-level blocks come one batch at
/// a time, in text order.
pub(crate) struct OutlineWriter<'t, W> {
    index: LineIndex<'t>,
    recognized: &'t Recognized,
    decoded: &'t Decoded<'t>,
    bytes: usize,
    options: &'t Options,
    out: Option<W>,
    stream: Option<JsonStream<'t, W>>,
}

impl<'t, W: Write> OutlineWriter<'t, W> {
    pub(crate) fn new(
        decoded: &'t Decoded<'t>,
        recognized: &'t Recognized,
        bytes: usize,
        options: &'t Options,
        out: W,
    ) -> Self {
        OutlineWriter {
            index: LineIndex::with_lines(&decoded.text, &recognized.infos),
            recognized,
            decoded,
            bytes,
            options,
            out: Some(out),
            stream: None,
        }
    }

    /// Write the next top-level blocks, filling in their deferred texts
    /// (`markers`: those of the points among them); the first call writes
    /// the head of the document too (source and title), which is when
    /// `title` and `segmented` are read.
    pub(crate) fn blocks(
        &mut self,
        title: Option<&Title>,
        segmented: bool,
        blocks: &mut [Block],
        markers: &mut Vec<DeferredMarker>,
    ) -> io::Result<()> {
        if self.stream.is_none() {
            let Some(out) = self.out.take() else {
                return Ok(());
            };
            let mut title = title.cloned();
            if let Some(title) = &mut title {
                let mut locations = Vec::new();
                tree::collect(&mut title.position, &mut locations);
                self.index.resolve(&mut locations);
            }
            let source = source_of(
                self.recognized,
                self.decoded.encoding,
                self.decoded.bom,
                self.bytes,
                segmented,
                self.options,
            );
            // The texts the builder deferred are made as they are written.
            let texts = TextFiller::new(&self.decoded.text, &self.recognized.infos);
            self.stream = Some(JsonStream::new(
                out,
                VERSION,
                &source,
                title.as_ref(),
                texts,
            ));
        }
        let mut locations = Vec::new();
        tree::collect_blocks(blocks, &mut locations);
        self.index.resolve(&mut locations);
        if let Some(stream) = self.stream.as_mut() {
            if let Some(texts) = stream.texts() {
                texts.hand_over(segmented, markers.drain(..));
            }
            for block in blocks.iter() {
                stream.block(block)?;
            }
        }
        Ok(())
    }

    /// Close the document. The builder always hands over the last blocks,
    /// even none, so the head has been written.
    pub(crate) fn finish(mut self) -> io::Result<()> {
        // The document spans the text: its start is line 1, column 1, and
        // its end the furthest place, where the sweep goes on to.
        let mut position = Position::from_offsets(0, self.decoded.text.len());
        position.start.line = 1;
        position.start.column = 1;
        self.index.resolve(&mut [&mut position.end]);
        match self.stream {
            Some(stream) => stream.finish(&position),
            None => Ok(()),
        }
    }
}

/// Build the outline on this thread, handing its top-level blocks to
/// `writer` as they become final; stops writing at the first error.
pub(crate) fn build_and_write<W: Write>(
    text: &str,
    infos: &[LineInfo],
    segmentation: Segmentation,
    mut writer: OutlineWriter<'_, W>,
) -> io::Result<()> {
    let mut failed: Option<io::Error> = None;
    let mut top = |title: Option<&Title>,
                   segmented: bool,
                   blocks: &mut Vec<Block>,
                   markers: &mut Vec<DeferredMarker>| {
        if failed.is_none() {
            failed = writer.blocks(title, segmented, blocks, markers).err();
        }
        blocks.clear();
        markers.clear();
    };
    tree::build_streaming(text, infos, segmentation, false, Some(&mut top));
    match failed {
        Some(err) => Err(err),
        None => writer.finish(),
    }
}

/// Top-level blocks handed from the builder's thread to the writer's.
struct Batch {
    /// The title and whether the text is segmented: known before the first
    /// block, sent with the first batch only.
    head: Option<(Option<Title>, bool)>,
    blocks: Vec<Block>,
    /// The markers of the points among them whose texts are deferred.
    markers: Vec<DeferredMarker>,
}

/// Blocks gathered before a batch is handed over: enough that handing over
/// costs little next to writing them.
const BATCH_BLOCKS: usize = 64;

/// Batches built but not yet written: the builder waits when the writer is
/// this far behind, which bounds the memory held between them.
const BATCHES_IN_FLIGHT: usize = 4;

/// Whether the writer's thread frees the blocks it wrote, rather than
/// handing them back to the builder's. The builder is the busier thread, so
/// freeing is best done by the writer, and with jemalloc (the command
/// line's allocator, the `jemalloc` feature) that is cheap. glibc's
/// allocator locks the arena of a block freed by another thread, which the
/// builder keeps allocating from: without jemalloc, blocks go back (50 MB
/// benchmark input: 0.48–0.51 s back, 0.56 s freed by the writer; with
/// jemalloc, 0.37 s back, 0.33 s freed by the writer).
const WRITER_FREES: bool = cfg!(feature = "jemalloc");

/// [`build_and_write`], with the outline built on a second thread while
/// this one resolves positions and writes JSON. Written blocks are freed
/// as [`WRITER_FREES`] says.
pub(crate) fn build_and_write_pipelined<W: Write>(
    text: &str,
    infos: &[LineInfo],
    segmentation: Segmentation,
    mut writer: OutlineWriter<'_, W>,
) -> io::Result<()> {
    let written = std::thread::scope(|scope| {
        let (sender, receiver) = sync_channel::<Batch>(BATCHES_IN_FLIGHT);
        let (give_back, written) = channel::<Vec<Block>>();
        let spawned = std::thread::Builder::new()
            .name("outline-build".to_owned())
            .spawn_scoped(scope, move || {
                build_and_send(text, infos, segmentation, &sender, &written);
            });
        if spawned.is_err() {
            // No second thread to be had: build on this one.
            return Ok(false);
        }
        let mut segmented = false;
        for mut batch in receiver {
            let mut title = None;
            if let Some((first_title, first_segmented)) = batch.head {
                title = first_title;
                segmented = first_segmented;
            }
            // On an error the receiver goes: the builder's sends fail and
            // it finishes without handing over anything more.
            writer.blocks(
                title.as_ref(),
                segmented,
                &mut batch.blocks,
                &mut batch.markers,
            )?;
            if !WRITER_FREES {
                // When the builder is gone, they are freed here all the same.
                let _ = give_back.send(batch.blocks);
            }
            // Otherwise the batch is freed here.
        }
        Ok(true)
    });
    match written {
        Ok(true) => writer.finish(),
        Ok(false) => build_and_write(text, infos, segmentation, writer),
        Err(err) => Err(err),
    }
}

/// The builder's side of [`build_and_write_pipelined`]: builds, hands
/// blocks over in batches, frees the blocks given back.
fn build_and_send(
    text: &str,
    infos: &[LineInfo],
    segmentation: Segmentation,
    sender: &SyncSender<Batch>,
    written: &Receiver<Vec<Block>>,
) {
    let mut head_sent = false;
    let mut pending: Vec<Block> = Vec::with_capacity(2 * BATCH_BLOCKS);
    let mut pending_markers: Vec<DeferredMarker> = Vec::new();
    let mut receiver_gone = false;
    let mut send =
        |head: Option<(Option<Title>, bool)>, blocks: Vec<Block>, markers: Vec<DeferredMarker>| {
            // Free what was written since the last batch.
            while let Ok(done) = written.try_recv() {
                drop(done);
            }
            if !receiver_gone {
                let batch = Batch {
                    head,
                    blocks,
                    markers,
                };
                receiver_gone = sender.send(batch).is_err();
            }
        };
    let mut head: Option<(Option<Title>, bool)> = None;
    let mut top = |title: Option<&Title>,
                   segmented: bool,
                   blocks: &mut Vec<Block>,
                   markers: &mut Vec<DeferredMarker>| {
        if !head_sent && head.is_none() {
            head = Some((title.cloned(), segmented));
        }
        pending.append(blocks);
        pending_markers.append(markers);
        if pending.len() >= BATCH_BLOCKS {
            head_sent = true;
            let full = std::mem::replace(&mut pending, Vec::with_capacity(2 * BATCH_BLOCKS));
            send(head.take(), full, std::mem::take(&mut pending_markers));
        }
    };
    tree::build_streaming(text, infos, segmentation, true, Some(&mut top));
    // The last blocks, and at least one batch, so that the head is written.
    if !pending.is_empty() || !head_sent {
        send(head.take(), pending, pending_markers);
    }
}
