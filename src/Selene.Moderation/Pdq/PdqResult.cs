namespace Selene.Moderation.Pdq;

/// <summary>A PDQ hash, its quality (0–100; below 50 not worth matching on), and when asked for, the eight dihedral hashes.</summary>
public sealed record PdqResult(PdqHash Hash, int Quality, DihedralHashes? Dihedral);

/// <summary>
/// The hashes of an image turned eight ways, from one decode: as is, rotated 90° counter-clockwise, 180°, 90°
/// clockwise, flipped top to bottom, mirrored left to right, transposed across the main diagonal and across the other.
/// </summary>
public sealed record DihedralHashes(PdqHash Original, PdqHash Rotate90, PdqHash Rotate180, PdqHash Rotate270, PdqHash FlipX, PdqHash FlipY, PdqHash FlipPlus, PdqHash FlipMinus)
{
    /// <summary>All eight, in that order.</summary>
    public IReadOnlyList<PdqHash> All => [Original, Rotate90, Rotate180, Rotate270, FlipX, FlipY, FlipPlus, FlipMinus];
}
