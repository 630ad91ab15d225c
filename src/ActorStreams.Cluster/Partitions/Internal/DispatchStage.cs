using Akka.Streams;
using Akka.Streams.Stage;

namespace ActorStreams.Cluster.Partitions.Internal;

/// <summary>
/// The dispatch step of a partition's pipeline as a stage: each gate event becomes the work <see cref="PartitionFlow.Dispatch"/>
/// adds to a reused buffer, emitted one piece at a time (a <c>SelectMany</c> would allocate a collection and two
/// enumerators per record).
/// </summary>
internal sealed class DispatchStage : GraphStage<FlowShape<PartitionEvent, RouterWork>>
{
    private readonly PartitionFlow _flow;

    public DispatchStage(PartitionFlow flow)
    {
        _flow = flow;
        Shape = new FlowShape<PartitionEvent, RouterWork>(In, Out);
    }

    public Inlet<PartitionEvent> In { get; } = new("dispatch.in");

    public Outlet<RouterWork> Out { get; } = new("dispatch.out");

    public override FlowShape<PartitionEvent, RouterWork> Shape { get; }

    protected override Attributes InitialAttributes { get; } = Attributes.CreateName("dispatch");

    protected override GraphStageLogic CreateLogic(Attributes inheritedAttributes) => new Logic(this);

    private sealed class Logic : InAndOutGraphStageLogic
    {
        private readonly DispatchStage _stage;
        private readonly List<RouterWork> _buffer = [];
        private int _next;

        public Logic(DispatchStage stage)
            : base(stage.Shape)
        {
            _stage = stage;
            SetHandler(stage.In, this);
            SetHandler(stage.Out, this);
        }

        public override void OnPush()
        {
            _buffer.Clear();
            _next = 0;
            _stage._flow.Dispatch(Grab(_stage.In), _buffer);
            EmitNext();
        }

        public override void OnPull() => EmitNext();

        public override void OnUpstreamFinish()
        {
            if (_next >= _buffer.Count)
            {
                CompleteStage();
            }
        }

        private void EmitNext()
        {
            if (_next < _buffer.Count)
            {
                if (IsAvailable(_stage.Out))
                {
                    Push(_stage.Out, _buffer[_next++]);
                }

                return;
            }

            if (IsClosed(_stage.In))
            {
                CompleteStage();
            }
            else if (!HasBeenPulled(_stage.In))
            {
                Pull(_stage.In);
            }
        }
    }
}
