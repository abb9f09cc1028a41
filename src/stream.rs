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
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc::{channel, sync_channel, Receiver, SyncSender};

use crate::source::{LineIndex, Position};
use crate::syntax::LineInfo;
use crate::tree::{
    self, Block, DeferPoints, Deferred, JsonStream, Segmentation, TextFiller, Title,
};
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

    /// Write the next top-level blocks, making what the builder left in
    /// them (`left`, emptied); the first call writes the head of the
    /// document too (source and title), which is when `title` and
    /// `segmented` are read.
    pub(crate) fn blocks(
        &mut self,
        title: Option<&Title>,
        segmented: bool,
        blocks: &mut [Block],
        left: &mut Deferred,
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
        // The inline points left to be found are found before all
        // places are resolved in one sweep; texts are made as they are
        // written.
        if let Some(texts) = self.stream.as_mut().and_then(JsonStream::texts) {
            texts.hand_over(segmented, blocks, left);
        }
        tree::resolve_blocks(blocks, &mut self.index);
        if let Some(stream) = self.stream.as_mut() {
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
    writer: OutlineWriter<'_, W>,
) -> io::Result<()> {
    build_and_write_leaving(text, infos, segmentation, writer, None)
}

/// [`build_and_write`], the builder leaving to the writer the inline points
/// of the plain paragraphs `defer_points` says to.
fn build_and_write_leaving<W: Write>(
    text: &str,
    infos: &[LineInfo],
    segmentation: Segmentation,
    mut writer: OutlineWriter<'_, W>,
    defer_points: Option<&DeferPoints<'_>>,
) -> io::Result<()> {
    let mut failed: Option<io::Error> = None;
    let mut top =
        |title: Option<&Title>, segmented: bool, blocks: &mut Vec<Block>, left: &mut Deferred| {
            if failed.is_none() {
                failed = writer.blocks(title, segmented, blocks, left).err();
            }
            blocks.clear();
            left.clear();
        };
    tree::build_streaming(
        text,
        infos,
        segmentation,
        false,
        Some(&mut top),
        defer_points,
    );
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
    /// What the builder left to the writer in them.
    left: Deferred,
}

/// Blocks gathered before a batch is handed over: enough that handing over
/// costs little next to writing them.
const BATCH_BLOCKS: usize = 64;

/// Batches built but not yet written: the builder waits when the writer is
/// this far behind, which bounds the memory held between them.
const BATCHES_IN_FLIGHT: usize = 4;

/// [`build_and_write`], with the outline built on a second thread while
/// this one resolves positions and writes JSON. Written blocks go back to
/// the builder's thread, which frees them: a block freed by the thread that
/// allocated it costs the allocator less (jemalloc, measured then, and
/// glibc's alike; with mimalloc, freeing them on the writer's thread
/// instead took 426.6M instructions on the 10 MB benchmark input against
/// 418.1M–418.9M), and
/// the work the builder takes on so is given back to the writer in inline
/// points to look for ([`WRITER_HUNGRY_BELOW`]). 50 MB benchmark input,
/// perf stat -r 8 pairs (a noisy hour): 0.25 s freed by the writer, 0.24 s
/// given back; earlier, before the work was shared so, freeing by the
/// writer had been the faster with jemalloc (0.33 s against 0.37 s).
pub(crate) fn build_and_write_pipelined<W: Write>(
    text: &str,
    infos: &[LineInfo],
    segmentation: Segmentation,
    mut writer: OutlineWriter<'_, W>,
) -> io::Result<()> {
    // Batches sent and not yet written.
    let in_flight = AtomicUsize::new(0);
    let written = std::thread::scope(|scope| {
        let (sender, receiver) = sync_channel::<Batch>(BATCHES_IN_FLIGHT);
        let (give_back, written) = channel::<Vec<Block>>();
        let in_flight = &in_flight;
        let spawned = std::thread::Builder::new()
            .name("outline-build".to_owned())
            .spawn_scoped(scope, move || {
                build_and_send(text, infos, segmentation, &sender, &written, in_flight);
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
                &mut batch.left,
            )?;
            in_flight.fetch_sub(1, Ordering::Relaxed);
            // When the builder is gone, they are freed here all the same.
            let _ = give_back.send(batch.blocks);
        }
        Ok(true)
    });
    match written {
        Ok(true) => writer.finish(),
        Ok(false) => build_and_write(text, infos, segmentation, writer),
        Err(err) => Err(err),
    }
}

/// When fewer batches than this are waiting to be written, the writer is
/// about to run out of work, and the builder leaves it the inline points of
/// the next plain paragraphs that may hold some to look for, with where
/// their last candidate 2 lies ([`DeferPoints`]). The
/// builder is the busier thread when it does all the work (50 MB
/// benchmark input: the writer waited for it about 20 ms in all), and the
/// busier by about as much when it leaves every other paragraph's points:
/// asking the writer's backlog keeps the two about equally busy whatever
/// the text.
const WRITER_HUNGRY_BELOW: usize = 2;

/// The builder's side of [`build_and_write_pipelined`]: builds, hands
/// blocks over in batches (counting them in `in_flight`, which the writer
/// counts down), frees the blocks given back.
fn build_and_send(
    text: &str,
    infos: &[LineInfo],
    segmentation: Segmentation,
    sender: &SyncSender<Batch>,
    written: &Receiver<Vec<Block>>,
    in_flight: &AtomicUsize,
) {
    let mut head_sent = false;
    let mut pending: Vec<Block> = Vec::with_capacity(2 * BATCH_BLOCKS);
    let mut pending_left = Deferred::default();
    let mut receiver_gone = false;
    let mut send = |head: Option<(Option<Title>, bool)>, blocks: Vec<Block>, left: Deferred| {
        // Free what was written since the last batch.
        while let Ok(done) = written.try_recv() {
            drop(done);
        }
        if !receiver_gone {
            let batch = Batch { head, blocks, left };
            in_flight.fetch_add(1, Ordering::Relaxed);
            receiver_gone = sender.send(batch).is_err();
        }
    };
    let mut head: Option<(Option<Title>, bool)> = None;
    let mut top =
        |title: Option<&Title>, segmented: bool, blocks: &mut Vec<Block>, left: &mut Deferred| {
            if !head_sent && head.is_none() {
                head = Some((title.cloned(), segmented));
            }
            pending.append(blocks);
            left.move_all(&mut pending_left);
            if pending.len() >= BATCH_BLOCKS {
                head_sent = true;
                let full = std::mem::replace(&mut pending, Vec::with_capacity(2 * BATCH_BLOCKS));
                send(head.take(), full, std::mem::take(&mut pending_left));
            }
        };
    let writer_hungry = || in_flight.load(Ordering::Relaxed) < WRITER_HUNGRY_BELOW;
    tree::build_streaming(
        text,
        infos,
        segmentation,
        true,
        Some(&mut top),
        Some(&writer_hungry),
    );
    // The last blocks, and at least one batch, so that the head is written.
    if !pending.is_empty() || !head_sent {
        send(head.take(), pending, pending_left);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{decode, parse_decoded, recognize, EncodingChoice};
    use std::cell::Cell;

    /// Whichever plain paragraphs' inline points the builder leaves to the
    /// writer (none, all, every other one), the streamed JSON is the whole
    /// document's, on every fixture.
    #[test]
    fn inline_points_left_to_the_writer_are_the_points_the_builder_finds() {
        let texts = crate::source::fixture_texts();
        assert!(texts.len() > 50, "{}", texts.len());
        let options = Options::default();
        let mut with_points = 0;
        for text in &texts {
            let Ok(decoded) = decode(text.as_bytes(), EncodingChoice::Auto) else {
                continue;
            };
            let mut whole = Vec::new();
            let document = parse_decoded(&decoded, text.len(), &options);
            document.write_json(&mut whole).expect("writes");
            with_points +=
                usize::from(String::from_utf8_lossy(&whole).contains("\"inline_points\""));
            let recognized = recognize(&decoded.text);
            let flip = Cell::new(false);
            let alternate = || {
                flip.set(!flip.get());
                flip.get()
            };
            let policies: [&DeferPoints<'_>; 3] = [&|| false, &|| true, &alternate];
            for (k, policy) in policies.into_iter().enumerate() {
                let mut streamed = Vec::new();
                let writer =
                    OutlineWriter::new(&decoded, &recognized, text.len(), &options, &mut streamed);
                build_and_write_leaving(
                    &decoded.text,
                    &recognized.infos,
                    options.segmentation,
                    writer,
                    Some(policy),
                )
                .expect("writes");
                assert!(
                    streamed == whole,
                    "policy {k} on {:?}",
                    text.chars().take(40).collect::<String>()
                );
            }
        }
        assert!(with_points >= 3, "{with_points}");
    }
}
