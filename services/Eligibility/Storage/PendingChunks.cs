using System.Buffers;
using Google.Protobuf;
using Socialtjanst.Eligibility.Domain;
using Socialtjanst.Eligibility.Storage.Format;

namespace Socialtjanst.Eligibility.Storage;

/// <summary>
/// Answers waiting to be written, each appended already encoded to its kommun's open chunk: a pooled 64 KB array that
/// holds the answers field by field exactly as the stored chunk will (<c>answers</c> and <c>answer_condition_sets</c>
/// entries, see <c>Format/decision_chunk.proto</c>). A waiting answer is thus bytes in an array used chunk after chunk,
/// not an object of its own that every garbage collection would trace, promote and finally collect old. A chunk closes
/// when the next answer would make it larger than <see cref="MaxChunkBytes"/> or span more than
/// <see cref="DecisionLogStore.ChunkSpan"/>, and when the writer takes it. Safe for many callers at once.
/// </summary>
public sealed class PendingChunks
{
    /// <summary>
    /// The most bytes of one chunk (an answer larger than this alone gets a chunk of its own). Under 85 000, so a chunk's
    /// array is an ordinary young object (the large object heap's arrays are collected only with gen2).
    /// </summary>
    public const int MaxChunkBytes = 64 * 1024;

    private const byte AnswerTag = (2 << 3) | 2; // field 2, length-delimited
    private const byte SetTag = 3 << 3; // field 3, varint (a repeated field's entries may come one by one; every parser accepts them)

    private readonly Lock gate = new();
    private readonly Dictionary<string, Open> open = new(StringComparer.Ordinal);
    private List<Open> full = [];
    private bool stopped;

    /// <summary>Adds the answer to its kommun's open chunk; false once <see cref="Take"/> has been told to stop (then nothing is added).</summary>
    public bool Add(DecisionLogEntry answer)
    {
        var encoded = DecisionChunks.EncodeAnswer(answer, out var texts);
        var moment = DecisionIds.MillisecondsOf(answer.DecisionId);
        lock (gate)
        {
            if (stopped)
            {
                return false;
            }

            if (!open.TryGetValue(answer.MunicipalityCode, out var chunk) || !chunk.TryAppend(answer.DecisionId, moment, texts, encoded))
            {
                if (chunk is not null)
                {
                    full.Add(chunk);
                }

                open[answer.MunicipalityCode] = chunk = new Open(answer.MunicipalityCode, encoded.Length);
                chunk.TryAppend(answer.DecisionId, moment, texts, encoded);
            }
        }

        return true;
    }

    /// <summary>
    /// Closes every chunk and hands them over, encoded (their arrays go back to the pool). With <paramref name="stop"/>,
    /// nothing more is added after this.
    /// </summary>
    public List<ChunkRow> Take(bool stop = false)
    {
        List<Open> taken;
        lock (gate)
        {
            stopped |= stop;
            taken = full;
            full = [];
            taken.AddRange(open.Values);
            open.Clear();
        }

        return taken.ConvertAll(chunk => chunk.Close());
    }

    /// <summary>One kommun's open chunk: its answers' entries in a pooled array, and what its row will say of them.</summary>
    private sealed class Open(string code, int firstAnswerBytes)
    {
        private static readonly long Span = (long)DecisionLogStore.ChunkSpan.TotalMilliseconds;

        private readonly List<Format.ConditionSet> sets = [];
        private byte[] buffer = ArrayPool<byte>.Shared.Rent(Math.Max(MaxChunkBytes, firstAnswerBytes + 16));
        private int length;
        private int count;
        private int setBytes;
        private string first = "";
        private string last = "";
        private long earliest;
        private long latest;

        /// <summary>Appends the answer's entries; false (nothing appended) when it would make the chunk too large or too long.</summary>
        public bool TryAppend(string id, long moment, Format.ConditionSet texts, ReadOnlySpan<byte> answer)
        {
            var set = -1;
            for (var i = 0; i < sets.Count && set < 0; i++)
            {
                set = ReferenceEquals(sets[i], texts) ? i : -1;
            }

            var newSet = set < 0 ? 1 + CodedOutputStream.ComputeMessageSize(texts) : 0;
            set = set < 0 ? sets.Count : set;
            var size = 1 + CodedOutputStream.ComputeLengthSize(answer.Length) + answer.Length + 1 + CodedOutputStream.ComputeInt32Size(set);
            if (count > 0 && (setBytes + newSet + length + size > MaxChunkBytes || Math.Max(latest, moment) - Math.Min(earliest, moment) > Span))
            {
                return false;
            }

            if (newSet > 0)
            {
                sets.Add(texts);
                setBytes += newSet;
            }

            buffer[length++] = AnswerTag;
            length += WriteVarint(buffer.AsSpan(length), (uint)answer.Length);
            answer.CopyTo(buffer.AsSpan(length));
            length += answer.Length;
            buffer[length++] = SetTag;
            length += WriteVarint(buffer.AsSpan(length), (uint)set);
            (earliest, latest) = count == 0 ? (moment, moment) : (Math.Min(earliest, moment), Math.Max(latest, moment));
            first = count == 0 || string.CompareOrdinal(id, first) < 0 ? id : first;
            last = count == 0 || string.CompareOrdinal(id, last) > 0 ? id : last;
            count++;
            return true;
        }

        /// <summary>The chunk as stored: its condition sets, then the answers' entries as appended. The array goes back to the pool.</summary>
        public ChunkRow Close()
        {
            var head = new DecisionChunk();
            head.ConditionSets.Add(sets);
            var headBytes = head.CalculateSize();
            var chunk = new byte[headBytes + length];
            head.WriteTo(chunk.AsSpan(0, headBytes));
            buffer.AsSpan(0, length).CopyTo(chunk.AsSpan(headBytes));
            ArrayPool<byte>.Shared.Return(buffer);
            buffer = [];
            return new ChunkRow(code, first, last, count, chunk);
        }

        private static int WriteVarint(Span<byte> to, uint value)
        {
            var n = 0;
            while (value >= 0x80)
            {
                to[n++] = (byte)(value | 0x80);
                value >>= 7;
            }

            to[n++] = (byte)value;
            return n;
        }
    }
}
