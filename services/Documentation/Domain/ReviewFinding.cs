using Socialtjanst.NoteScanning;

namespace Socialtjanst.Documentation.Domain;

/// <summary>One identifier found in one field of a record, and whether recording it breaks the policy.</summary>
public sealed record ReviewFinding(string Field, Detection Detection, bool Violation);
