using Selene.Moderation.Pdq;

namespace Selene.Moderation.Video;

/// <summary>
/// Matches videos as vPDQ does: a query frame matches when some frame of the other video is within the distance
/// threshold; two videos match when at least the given share of the query's frames match the other video and at
/// least that share of the other's frames match the query. Frames of quality below the floor are left out of both.
/// </summary>
public static class VideoMatcher
{
    /// <summary>How much of each video matches the other, and whether that is a match.</summary>
    public static VideoMatch Compare(IReadOnlyList<VideoFrame> query, IReadOnlyList<VideoFrame> other, int threshold = 31, double share = 0.8, int qualityFloor = 50)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(other);
        var mine = query.Where(f => f.Quality >= qualityFloor).ToList();
        var theirs = other.Where(f => f.Quality >= qualityFloor).ToList();
        if (mine.Count == 0 || theirs.Count == 0)
        {
            return new VideoMatch(0, 0, false);
        }

        var theirBank = PdqBank.Of(theirs.Select(f => f.Hash));
        var myBank = PdqBank.Of(mine.Select(f => f.Hash));
        var queryShare = mine.Count(f => theirBank.Match(f.Hash, threshold).Count > 0) / (double)mine.Count;
        var otherShare = theirs.Count(f => myBank.Match(f.Hash, threshold).Count > 0) / (double)theirs.Count;
        return new VideoMatch(queryShare, otherShare, queryShare >= share && otherShare >= share);
    }
}

/// <summary>Shares of frames that matched each way, and the verdict.</summary>
public sealed record VideoMatch(double QueryShare, double OtherShare, bool Matches);
