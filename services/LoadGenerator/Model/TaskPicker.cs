namespace Platform.LoadGenerator.Model;

/// <summary>Picks the next task at random in proportion to the weights (as locust does).</summary>
public sealed class TaskPicker(IReadOnlyList<ShopTask> tasks)
{
    private readonly int _total = tasks.Sum(t => t.Weight);

    public ShopTask Next(Random random)
    {
        var ticket = random.Next(_total);
        foreach (var task in tasks)
        {
            ticket -= task.Weight;
            if (ticket < 0)
            {
                return task;
            }
        }
        throw new InvalidOperationException("unreachable: the tickets cover the total weight");
    }
}
