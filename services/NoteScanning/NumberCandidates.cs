using System.Runtime.CompilerServices;

namespace Socialtjanst.NoteScanning;

/// <summary>Room for one candidate per number detector, on the stack.</summary>
[InlineArray(3)]
internal struct NumberCandidates
{
    private Detection? first;
}
