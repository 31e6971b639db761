namespace Socialtjanst.Eligibility.Storage;

/// <summary>A closed chunk as it is stored: its kommun, its smallest and largest decision id, how many answers, the encoded chunk.</summary>
public sealed record ChunkRow(string MunicipalityCode, string FirstId, string LastId, int Answers, byte[] Chunk);
