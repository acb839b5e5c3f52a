using ShortSentences.Staff.People;
using ShortSentences.Staff.Tests.Support;
using Xunit;

namespace ShortSentences.Staff.Tests.Reminders;

public sealed class StaffDirectoryTests
{
    [Fact]
    public void The_sample_directory_knows_each_SPO_s_team_and_finds_staff_by_e_mail_in_any_case()
    {
        var directory = Samples.Directory();

        Assert.Equal(["com-patel", "com-hughes"], directory.TeamOf("spo-okafor").Select(m => m.Id).Order().Reverse().ToArray());
        Assert.Equal("com-murphy", directory.FindByEmail("Aoife.Murphy@Probation.Example.Gov.UK")!.Id);
    }

    [Theory]
    [InlineData("""{"pdus":[{"code":"A","name":"A","mailbox":"a@x"}],"staff":[{"id":"p","name":"P","email":"p@x","pdu":"B","role":"Practitioner"}]}""", "PDU 'B'")]
    [InlineData("""{"pdus":[{"code":"A","name":"A","mailbox":"a@x"}],"staff":[{"id":"p","name":"P","email":"p@x","pdu":"A","role":"Practitioner","managerId":"s"}]}""", "manager 's'")]
    [InlineData("""{"pdus":[{"code":"A","name":"A","mailbox":"a@x"}],"staff":[{"id":"p","name":"P","email":"p@x","pdu":"A","role":"Practitioner"},{"id":"p","name":"Q","email":"q@x","pdu":"A","role":"Practitioner"}]}""", "appears twice")]
    [InlineData("""{"pdus":[],"staff":[{"id":"p","name":"P","pdu":"A","role":"Practitioner"}]}""", "needs id, name, email and pdu")]
    [InlineData("""{"pdus": [""", "not valid JSON")]
    [InlineData("""{"pdus":[{"code":"A","name":"A","mailbox":"a@x","escalationSpo":"p"}],"staff":[{"id":"p","name":"P","email":"p@x","pdu":"A","role":"Practitioner"}]}""", "not an SPO")]
    public void A_directory_with_a_mistake_is_refused_with_a_message_naming_it(string json, string expected)
    {
        var e = Assert.Throws<StaffDirectoryException>(() => StaffDirectory.Parse(json));

        Assert.Contains(expected, e.Message);
    }
}

public sealed class TaskTitleTests
{
    [Theory]
    [InlineData("periodic-review", "Periodic review")]
    [InlineData("pss-induction", "PSS induction")]
    [InlineData("com-allocation-ssf", "COM allocation SSF")]
    [InlineData("release.initial-assessment", "Initial assessment")]
    [InlineData("screening-part-1", "Screening part 1")]
    public void Rule_ids_read_as_staff_say_them(string ruleId, string title) =>
        Assert.Equal(title, ShortSentences.Staff.Reminders.ReminderEmail.TaskTitle(ruleId));
}
