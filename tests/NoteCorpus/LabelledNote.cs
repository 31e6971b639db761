using System.Text.Json;

namespace Socialtjanst.Corpus;

/// <summary>A synthetic Swedish journal note and the identifiers it holds.</summary>
public sealed record LabelledNote(string Text, IReadOnlyList<Label> Labels)
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static IEnumerable<LabelledNote> ReadAll(string path) =>
        File.ReadLines(path).Where(l => l.Length > 0).Select(l => JsonSerializer.Deserialize<LabelledNote>(l, Json)!);
}
