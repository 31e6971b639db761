using System.Text.Json;
using Socialtjanst.Corpus;

// dotnet run --project bench/Corpus -- evaluate [corpus.jsonl]   prints precision and recall per detector
// dotnet run --project bench/Corpus -- generate [corpus.jsonl]   writes the synthetic corpus (600 notes, seed 2025)
var command = args.Length > 0 ? args[0] : "evaluate";
var path = args.Length > 1 ? args[1] : Path.Combine("tests", "Documentation.Tests", "corpus", "notes.jsonl");
if (command == "generate")
{
    await File.WriteAllLinesAsync(path, new Generator(2025).Notes(600).Select(n => JsonSerializer.Serialize(n, LabelledNote.Json)));
    Console.WriteLine($"wrote 600 notes to {path}");
    return 0;
}

var notes = LabelledNote.ReadAll(path).ToList();
Console.WriteLine($"{notes.Count} notes, {notes.Sum(n => n.Labels.Count)} labelled identifiers");
foreach (var score in Evaluation.Score(notes, new DateOnly(2026, 11, 23)))
{
    Console.WriteLine(score);
}

return 0;
