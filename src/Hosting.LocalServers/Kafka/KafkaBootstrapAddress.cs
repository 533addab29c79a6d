namespace Platform.Hosting.LocalServers.Kafka;

/// <summary>
/// The mock cluster's <c>host:port</c>, a value that resolves once the cluster has started, so a
/// connection string over it can be handed to resources before the port is known.
/// </summary>
public sealed class KafkaBootstrapAddress(string resourceName) : IValueProvider, IManifestExpressionProvider
{
    private volatile TaskCompletionSource<string> _address = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Never published: publish mode uses a Kafka container instead.</summary>
    public string ValueExpression => $"{{{resourceName}.bootstrapServers}}";

    public ValueTask<string?> GetValueAsync(CancellationToken cancellationToken = default) =>
        new(_address.Task.WaitAsync(cancellationToken)!);

    internal void Set(string address)
    {
        if (!_address.TrySetResult(address))
        {
            // A restart: later readers get the new address.
            var next = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
            next.SetResult(address);
            _address = next;
        }
    }
}
