using ShortSentences.Staff.Notify;
using Xunit;

namespace ShortSentences.Staff.Tests.Notify;

public sealed class NotifyApiKeyTests
{
    [Fact]
    public void The_service_id_and_secret_are_the_two_uuids_at_the_end_even_when_the_key_name_has_hyphens()
    {
        var key = NotifyApiKey.Parse("my-live-key-26785a09-ab16-4eb0-8407-a37497a57506-3d844edf-8d35-48ac-975b-e847b4f122b0");

        Assert.Equal("26785a09-ab16-4eb0-8407-a37497a57506", key.ServiceId);
        Assert.Equal("3d844edf-8d35-48ac-975b-e847b4f122b0", key.SecretKey);
    }

    [Theory]
    [InlineData("")]
    [InlineData("not-a-key")]
    [InlineData("name-26785a09-ab16-4eb0-8407-a37497a57506-3d844edf-8d35-48ac-975b-e847b4f122bZ")]
    public void A_malformed_key_is_refused_with_a_message_that_does_not_repeat_the_key(string bad)
    {
        var e = Assert.Throws<FormatException>(() => NotifyApiKey.Parse(bad));

        Assert.Contains("GOV.UK Notify API key", e.Message);
        if (bad.Length > 0) Assert.DoesNotContain(bad, e.Message);
    }
}
