using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Selene.Moderation.Audit;

namespace Selene.Server.Tests.Moderation;

/// <summary>The review loop over real HTTP: upload, review, a reviewer's decision, the bank learning from it, the audit trail.</summary>
public sealed class ReviewHttpTests : IAsyncLifetime, IDisposable
{
    private static readonly string Reference = Selene.Testing.RepositoryPaths.PdqReference;
    private TestService _service = null!;
    private HttpClient _http = null!;

    private string AuditPath => Path.Combine(_service.Folder, "audit.db");

    public async Task InitializeAsync()
    {
        _service = await TestService.StartAsync(folder => new SeleneServerOptions { ModerationAuditDatabase = Path.Combine(folder, "audit.db"), ModerationQuarantine = Path.Combine(folder, "q") });
        _http = _service.Client();
    }

    public async Task DisposeAsync() => await _service.DisposeAsync();

    public void Dispose() => _http.Dispose();

    [Fact]
    public async Task A_reviewer_blocks_an_item_its_copies_are_then_blocked_automatically_and_every_step_is_on_record()
    {
        // Quality 12: the default policy sends it to a person.
        var image = await File.ReadAllBytesAsync(Path.Combine(Reference, "generated", "gen-gradient-512x512.png"));
        var first = await Upload(image, "gen-1.png");
        Assert.Equal(("review", false), (first.GetProperty("action").GetString(), first.GetProperty("published").GetBoolean()));
        var pending = await _http.GetFromJsonAsync<JsonElement>("/review");
        var id = pending.EnumerateArray().Single().GetProperty("id").GetInt64();

        var decided = await _http.PostAsJsonAsync($"/review/{id}/decision", new { action = "block", note = "deepfake of a real person" });
        Assert.Equal(HttpStatusCode.OK, decided.StatusCode);
        Assert.Empty((await _http.GetFromJsonAsync<JsonElement>("/review")).EnumerateArray());

        var copy = await Upload(image, "gen-2.png");
        Assert.Equal(("block", "known-item"), (copy.GetProperty("action").GetString(), copy.GetProperty("rule").GetString()));
        var records = await _http.GetFromJsonAsync<JsonElement>("/audit/records?item=gen-1.png");
        Assert.Equal([("review", true), ("block", false)], records.EnumerateArray().Select(r => (r.GetProperty("action").GetString(), r.GetProperty("automated").GetBoolean())));
        Assert.Contains("\"reviewer\":\"ada\"", records[1].GetProperty("reasons").GetString(), StringComparison.Ordinal);
        Assert.Null(AuditLog.Verify(AuditPath).FirstBreak);

        var metrics = await _http.GetStringAsync("/metrics");
        Assert.Contains("selene_moderation_items_total{action=\"review\"} 1", metrics, StringComparison.Ordinal);
        Assert.Contains("selene_moderation_items_total{action=\"block\"} 1", metrics, StringComparison.Ordinal);
        Assert.Contains("selene_review_decisions_total{action=\"block\"} 1", metrics, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_non_image_gets_a_problem_reply_and_is_still_recorded_and_bad_decisions_are_refused()
    {
        var response = await _http.PostAsync("/moderation/items?name=notes.txt", new ByteArrayContent("just text"u8.ToArray()));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        var records = await _http.GetFromJsonAsync<JsonElement>("/audit/records?item=notes.txt");
        Assert.Equal("reject", records.EnumerateArray().Single().GetProperty("action").GetString());

        Assert.Equal(HttpStatusCode.NotFound, (await _http.PostAsJsonAsync("/review/99/decision", new { action = "block" })).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await _http.PostAsync("/review/1/decision", new StringContent("{not json", System.Text.Encoding.UTF8, "application/json"))).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await _http.PostAsJsonAsync("/review/1/decision", new { action = "shrug" })).StatusCode);
        // The token says who decides: a body naming another reviewer is refused.
        Assert.Equal(HttpStatusCode.BadRequest, (await _http.PostAsJsonAsync("/review/1/decision", new { action = "block", reviewer = "ana" })).StatusCode);
    }

    [Theory]
    [InlineData(8000, "incomplete image")]
    [InlineData(100_000, "header the decoder refuses")]
    public async Task A_crafted_bitmap_gets_a_problem_naming_why_and_the_service_keeps_answering(int side, string reason)
    {
        // A 154-byte BMP header declaring side × side pixels: once hashed from memory it never filled, once a 500.
        var bmp = new byte[154];
        "BM"u8.CopyTo(bmp);
        System.Buffers.Binary.BinaryPrimitives.WriteInt32LittleEndian(bmp.AsSpan(2), bmp.Length);
        System.Buffers.Binary.BinaryPrimitives.WriteInt32LittleEndian(bmp.AsSpan(10), 54);
        System.Buffers.Binary.BinaryPrimitives.WriteInt32LittleEndian(bmp.AsSpan(14), 40);
        System.Buffers.Binary.BinaryPrimitives.WriteInt32LittleEndian(bmp.AsSpan(18), side);
        System.Buffers.Binary.BinaryPrimitives.WriteInt32LittleEndian(bmp.AsSpan(22), side);
        System.Buffers.Binary.BinaryPrimitives.WriteInt16LittleEndian(bmp.AsSpan(26), 1);
        System.Buffers.Binary.BinaryPrimitives.WriteInt16LittleEndian(bmp.AsSpan(28), 24);

        for (var attempt = 0; attempt < 3; attempt++)
        {
            using var response = await _http.PostAsync(new Uri($"/moderation/items?name=crafted-{side}-{attempt}.bmp", UriKind.Relative), new ByteArrayContent(bmp));
            var text = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == HttpStatusCode.UnprocessableEntity && text.Contains(reason, StringComparison.Ordinal), $"{response.StatusCode}: {text}");
        }

        Assert.Equal(HttpStatusCode.OK, (await _http.GetAsync(new Uri("/healthz", UriKind.Relative))).StatusCode);
        Assert.Equal(3, Directory.GetFiles(Path.Combine(_service.Folder, "q")).Count(f => f.Contains($"crafted-{side}", StringComparison.Ordinal)));
    }

    private async Task<JsonElement> Upload(byte[] image, string name)
    {
        var response = await _http.PostAsync($"/moderation/items?name={name}", new ByteArrayContent(image));
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }
}
