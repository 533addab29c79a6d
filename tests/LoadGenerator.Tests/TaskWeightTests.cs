using Platform.LoadGenerator.Model;

namespace LoadGenerator.Tests;

/// <summary>The tasks are picked in proportion to the issue's weights.</summary>
public class TaskWeightTests
{
    [Fact]
    public void The_weights_are_the_issues()
    {
        var weights = ShopTask.All.ToDictionary(t => t.Name, t => t.Weight);

        Assert.Equal(new Dictionary<string, int>
        {
            ["browse product"] = 10, ["recommendations"] = 3, ["ads"] = 3, ["view cart"] = 3, ["add to cart"] = 2,
            ["checkout"] = 1, ["multi-item checkout"] = 1, ["home"] = 1, ["flood home"] = 5,
        }, weights);
    }

    [Fact]
    public void A_seeded_run_picks_each_task_in_proportion_to_its_weight()
    {
        var picker = new TaskPicker(ShopTask.All);
        var random = new Random(20261207);
        const int picks = 290_000;

        var counts = Enumerable.Range(0, picks).Select(_ => picker.Next(random).Name).CountBy(n => n).ToDictionary();

        foreach (var task in ShopTask.All)
        {
            var expected = picks * task.Weight / 29.0;
            Assert.InRange(counts[task.Name], expected * 0.97, expected * 1.03);
        }
    }

    [Fact]
    public void The_same_seed_picks_the_same_tasks()
    {
        var picker = new TaskPicker(ShopTask.All);

        var first = Enumerable.Range(0, 50).Select(_ => picker.Next(new Random(7))).ToList();
        var a = new Random(7);
        var b = new Random(7);

        Assert.Equal(Enumerable.Range(0, 50).Select(_ => picker.Next(a).Name), Enumerable.Range(0, 50).Select(_ => picker.Next(b).Name));
        Assert.Single(first.Distinct());
    }
}
