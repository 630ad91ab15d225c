using ActorStreams.Domain;

namespace ActorStreams.Generator.Internal;

/// <summary>
/// One customer of <c>customer-events</c>: a plan drawn at construction (segment, home, favourite categories, activity
/// level, first session, churn, restocking cycle) and a small state machine that yields the customer's events one at a
/// time, in time order. Sessions start as a thinned Poisson process: candidates at the peak rate, kept by the segment's
/// hour-of-day profile (local time of the home city) and by the decay before a churn; pauses skip whole weeks. A session
/// is views, some of them followed by putting the product in the cart, an occasional removal, and, when the customer
/// buys, one purchase per cart line. How a churner fades depends on the segment (<see cref="SegmentProfile.Fade"/>), and
/// a restocking customer buys when their cycle comes round, not at every visit (<see cref="SegmentProfile.Restock"/>), so
/// the same recency means a lapse for one customer and a purchase soon for another. Every random draw comes from the
/// customer's own generator, seeded from the seed and the id, so a customer's events do not depend on the other customers.
/// </summary>
internal sealed class Shopper
{
    private const int MaxCart = 8;
    private const int MaxViews = 40;
    private const double FavouriteChance = 0.8;
    private const double MainDeviceChance = 0.75;
    private const double ActivitySigma = 0.4;
    private const double BrowseSigma = 0.25;
    private const double FirstSessionShare = 0.6;
    private const double DecayExponent = 1.5;
    private const double MinDecayDays = 14;
    private const double MaxDecayDays = 45;
    private const double MedianStepMillis = 30_000;
    private const double StepSigma = 0.9;
    private const int MinStepMillis = 5_000;
    private const int MaxStepMillis = 300_000;

    /// <summary>A restocking customer is due once this share of their cycle has passed since their last purchase.</summary>
    private const double RestockDueShare = 0.8;

    /// <summary>The chance to buy a non-empty cart for a restocking customer who is due.</summary>
    private const double DuePurchaseChance = 0.9;

    /// <summary>The chance to buy a non-empty cart for a restocking customer who is not due yet: they mostly browse.</summary>
    private const double NotDuePurchaseChance = 0.03;

    /// <summary>A due restocking customer puts a viewed product in the cart with at least this chance.</summary>
    private const double DueAddChance = 0.45;

    /// <summary>The quiet time after a session's last event before the next session may start: sessions are more than 30 minutes apart.</summary>
    private static readonly long MinSessionGapTicks = TimeSpan.FromMinutes(31).Ticks;

    /// <summary>A churner stays at least this long (or half of their remaining period, when shorter).</summary>
    private static readonly long MinLifeTicks = TimeSpan.FromDays(14).Ticks;

    private static readonly long TicksPerWeek = TimeSpan.FromDays(7).Ticks;

    private readonly FastRandom _random;
    private readonly SegmentProfile _profile;
    private readonly ProductCatalogue _catalogue;
    private readonly int[] _favourites;
    private readonly int _mainDevice;
    private readonly int _utcOffsetHours;
    private readonly double _meanCandidateGapTicks;
    private readonly double _meanViews;
    private readonly long _firstTicks;
    private readonly long _churnTicks;
    private readonly long _decayTicks;
    private readonly long _stopTicks;
    private readonly double _meanPauseGapTicks;
    private readonly long _restockTicks;
    private readonly int[] _cartProducts = new int[MaxCart];
    private readonly int[] _cartQuantities = new int[MaxCart];
    private long _lastPurchaseTicks;
    private long _pauseStart;
    private long _pauseEnd;
    private int _session;
    private long _sequence;
    private int _device;
    private double _addChance;
    private double _purchaseChance;
    private int _viewsLeft;
    private int _pendingAdd;
    private int _removeCountdown;
    private int _cartCount;
    private bool _checkout;
    private bool _buying;
    private int _checkoutIndex;

    /// <param name="id">The customer id.</param>
    /// <param name="seed">The run's seed.</param>
    /// <param name="abruptChurnRatio">Share of churners who stop without a decay.</param>
    /// <param name="segmentWeights">Cumulative segment shares, in <see cref="CustomerSegment"/> order.</param>
    /// <param name="catalogue">The products.</param>
    /// <param name="startTicks">Start of the period.</param>
    /// <param name="endTicks">End of the period (exclusive).</param>
    public Shopper(long id, long seed, double abruptChurnRatio, double[] segmentWeights, ProductCatalogue catalogue, long startTicks, long endTicks)
    {
        _random = new FastRandom(FastRandom.Mix(FastRandom.Derive(seed, "customer-events.customer") + (ulong)id));
        _catalogue = catalogue;
        Id = id;
        Segment = (CustomerSegment)_random.PickCumulative(segmentWeights);
        _profile = SegmentProfile.All[(int)Segment];
        Home = WorldCities.All[_random.Next(WorldCities.All.Count)];
        _utcOffsetHours = (int)Math.Round(Home.Longitude / 15);
        _favourites = DrawFavourites();
        _mainDevice = _random.PickCumulative(_profile.DeviceWeights);
        var activity = Math.Exp((ActivitySigma * _random.NextGaussian()) - (ActivitySigma * ActivitySigma / 2));
        _meanCandidateGapTicks = TicksPerWeek / (_profile.SessionsPerWeek * activity * _profile.PeakFactor);
        _meanViews = _profile.MeanViews * Math.Exp(BrowseSigma * _random.NextGaussian());
        _firstTicks = IsoTimestamp.FloorToMillisecond(startTicks + (long)(_random.NextDouble() * FirstSessionShare * (endTicks - startTicks)));

        _churnTicks = long.MaxValue;
        _decayTicks = long.MaxValue;
        if (_random.Chance(_profile.ChurnChance))
        {
            var life = endTicks - _firstTicks;
            var minLife = Math.Min(MinLifeTicks, life / 2);
            var churn = IsoTimestamp.FloorToMillisecond(_firstTicks + minLife + (long)(_random.NextDouble() * (life - minLife)));
            var abrupt = _random.Chance(abruptChurnRatio);
            if (churn > _firstTicks && churn < endTicks)
            {
                _churnTicks = churn;
                _decayTicks = abrupt
                    ? churn
                    : Math.Max(_firstTicks, IsoTimestamp.FloorToMillisecond(churn - (long)(_random.Uniform(MinDecayDays, MaxDecayDays) * TimeSpan.TicksPerDay)));
            }
        }

        _stopTicks = Math.Min(_churnTicks, endTicks);
        _meanPauseGapTicks = 100.0 * TimeSpan.TicksPerDay / _profile.Pauses.Per100Days;
        _pauseEnd = _firstTicks;
        SchedulePause();
        if (_profile.Restock is { } restock)
        {
            // Some way into a cycle at the first visit: the customer bought elsewhere before.
            _restockTicks = (long)(_random.Uniform(restock.MinDays, restock.MaxDays) * TimeSpan.TicksPerDay);
            _lastPurchaseTicks = _firstTicks - (long)(_random.NextDouble() * _restockTicks);
        }
    }

    public long Id { get; }

    public CustomerSegment Segment { get; }

    public City Home { get; }

    /// <summary>The event the customer is at: valid after <see cref="Start"/> or <see cref="MoveNext"/> returned true.</summary>
    public ShopperEvent Current { get; private set; }

    /// <summary>What was decided for this customer.</summary>
    public CustomerTruth Truth => new(
        new CustomerId(Id),
        Segment,
        _churnTicks == long.MaxValue ? null : new EventTime(_churnTicks).ToDateTimeOffset(),
        _decayTicks < _churnTicks ? new EventTime(_decayTicks).ToDateTimeOffset() : null);

    /// <summary>Moves to the customer's first event; false when the customer has none in the period.</summary>
    public bool Start()
    {
        if (_firstTicks >= _stopTicks)
        {
            return false;
        }

        BeginSession(_firstTicks);
        return true;
    }

    /// <summary>Moves to the customer's next event; false when they have no more (the period ended or they churned).</summary>
    public bool MoveNext()
    {
        if (NextInSession(out var action, out var product, out var quantity))
        {
            var ticks = Current.Ticks + (StepMillis() * TimeSpan.TicksPerMillisecond);
            if (ticks >= _stopTicks)
            {
                return false;
            }

            Emit(ticks, action, product, quantity);
            if (action == ShopperAction.Purchase)
            {
                _lastPurchaseTicks = ticks;
            }

            return true;
        }

        var start = NextSessionStart(Current.Ticks + MinSessionGapTicks);
        if (start >= _stopTicks)
        {
            return false;
        }

        BeginSession(start);
        return true;
    }

    private int[] DrawFavourites()
    {
        var favourites = new int[_random.Between(1, 3)];
        for (var i = 0; i < favourites.Length; i++)
        {
            int category;
            do
            {
                category = _random.Next(ProductCatalogue.CategoryCount);
            }
            while (favourites.AsSpan(0, i).Contains(category));

            favourites[i] = category;
        }

        return favourites;
    }

    /// <summary>Starts a session at <paramref name="ticks"/>, fewer views and purchases the further the decay has gone, with a first view.</summary>
    private void BeginSession(long ticks)
    {
        _session++;
        var progress = DecayProgress(ticks);
        var fade = _profile.Fade;
        var meanViews = Math.Max(1, _meanViews * (1 - (fade.Views * progress)));
        _viewsLeft = Math.Min(MaxViews, 1 + (int)(Exponential() * (meanViews - 1)));
        _device = _random.Chance(MainDeviceChance) ? _mainDevice : _random.PickCumulative(_profile.DeviceWeights);
        var addChance = _profile.AddChance;
        var purchaseChance = _profile.PurchaseChance;
        if (_restockTicks > 0)
        {
            var due = ticks - _lastPurchaseTicks >= RestockDueShare * _restockTicks;
            addChance = due ? Math.Max(addChance, DueAddChance) : addChance;
            purchaseChance = due ? DuePurchaseChance : NotDuePurchaseChance;
        }

        _addChance = addChance * (1 - (fade.Carts * progress));
        _purchaseChance = purchaseChance * (1 - (fade.Purchases * progress));
        _cartCount = 0;
        _pendingAdd = -1;
        _removeCountdown = -1;
        _checkout = false;
        _buying = false;
        _checkoutIndex = 0;
        Emit(ticks, ShopperAction.View, View(), 1);
    }

    /// <summary>The session's next action, or false when the session is over.</summary>
    private bool NextInSession(out ShopperAction action, out int product, out int quantity)
    {
        if (!_checkout)
        {
            if (_pendingAdd >= 0)
            {
                product = _pendingAdd;
                _pendingAdd = -1;
                quantity = 1 + (_random.Chance(_profile.ExtraUnits.Chance) ? _random.Between(1, _profile.ExtraUnits.Max) : 0);
                _cartProducts[_cartCount] = product;
                _cartQuantities[_cartCount++] = quantity;
                if (_removeCountdown < 0 && _random.Chance(_profile.RemoveChance))
                {
                    _removeCountdown = _random.Between(0, 2);
                }

                action = ShopperAction.AddToCart;
                return true;
            }

            if (_removeCountdown == 0 && _cartCount > 0)
            {
                var line = _random.Next(_cartCount);
                product = _cartProducts[line];
                quantity = _cartQuantities[line];
                _cartCount--;
                _cartProducts[line] = _cartProducts[_cartCount];
                _cartQuantities[line] = _cartQuantities[_cartCount];
                _removeCountdown = -1;
                action = ShopperAction.RemoveFromCart;
                return true;
            }

            if (_viewsLeft > 0)
            {
                product = View();
                quantity = 1;
                action = ShopperAction.View;
                return true;
            }

            _checkout = true;
            _buying = _cartCount > 0 && _random.Chance(_purchaseChance);
        }

        if (_buying && _checkoutIndex < _cartCount)
        {
            product = _cartProducts[_checkoutIndex];
            quantity = _cartQuantities[_checkoutIndex++];
            action = ShopperAction.Purchase;
            return true;
        }

        action = default;
        product = 0;
        quantity = 0;
        return false;
    }

    /// <summary>A product viewed: mostly in a favourite category, cheap or dear as the segment leans; may be put in the cart next.</summary>
    private int View()
    {
        var category = _random.Chance(FavouriteChance) ? _favourites[_random.Next(_favourites.Length)] : _random.Next(ProductCatalogue.CategoryCount);
        var product = _catalogue.PickByPriceRank(category, Math.Pow(_random.NextDouble(), _profile.PriceTilt));
        _viewsLeft--;
        if (_removeCountdown > 0)
        {
            _removeCountdown--;
        }

        if (_cartCount < MaxCart && !_cartProducts.AsSpan(0, _cartCount).Contains(product) && _random.Chance(_addChance))
        {
            _pendingAdd = product;
        }

        return product;
    }

    private void Emit(long ticks, ShopperAction action, int product, int quantity) =>
        Current = new ShopperEvent(ticks, action, product, quantity, _session, ++_sequence, _device);

    /// <summary>
    /// The start of the next session at or after <paramref name="notBefore"/>, or <see cref="long.MaxValue"/> when there is
    /// none before the customer stops: candidates at the peak rate, skipping pauses, kept by hour of day and decay.
    /// </summary>
    private long NextSessionStart(long notBefore)
    {
        var ticks = notBefore;
        while (true)
        {
            ticks += (long)(Exponential() * _meanCandidateGapTicks);
            var paused = false;
            while (ticks >= _pauseStart)
            {
                if (ticks < _pauseEnd)
                {
                    ticks = _pauseEnd;
                    paused = true;
                }

                SchedulePause();
            }

            if (ticks >= _stopTicks)
            {
                return long.MaxValue;
            }

            if (!paused && _random.Chance(_profile.HourAcceptance[LocalHour(ticks)] * DecayFactor(ticks)))
            {
                return IsoTimestamp.FloorToMillisecond(ticks);
            }
        }
    }

    /// <summary>Plans the pause after the current one: an exponential gap, then a length between the segment's bounds.</summary>
    private void SchedulePause()
    {
        _pauseStart = _pauseEnd + (long)(Exponential() * _meanPauseGapTicks);
        _pauseEnd = _pauseStart + (long)(_random.Uniform(_profile.Pauses.MinDays, _profile.Pauses.MaxDays) * TimeSpan.TicksPerDay);
    }

    /// <summary>How far the decay before the churn has gone at <paramref name="ticks"/>: 0 before it starts, 1 at the churn.</summary>
    private double DecayProgress(long ticks) =>
        ticks < _decayTicks ? 0 : Math.Min(1, (double)(ticks - _decayTicks) / (_churnTicks - _decayTicks));

    /// <summary>The session rate's factor: 1 until the decay starts, then falling by the segment's visit fade at the churn (to 0 for a fade of 1).</summary>
    private double DecayFactor(long ticks) =>
        ticks < _decayTicks ? 1 : 1 - (_profile.Fade.Visits * (1 - Math.Pow(1 - DecayProgress(ticks), DecayExponent)));

    private int LocalHour(long ticks) => (int)((((ticks / TimeSpan.TicksPerHour) + _utcOffsetHours) % 24 + 24) % 24);

    /// <summary>A gap between two events of a session: log-normal around 30 s, between 5 s and 5 min.</summary>
    private long StepMillis() =>
        Math.Clamp((long)Math.Round(Math.Exp(Math.Log(MedianStepMillis) + (StepSigma * _random.NextGaussian()))), MinStepMillis, MaxStepMillis);

    private double Exponential() => -Math.Log(1 - _random.NextDouble());
}
