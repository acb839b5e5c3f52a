namespace ShortSentences.Calculation;

/// <summary>Date types, named as the MoJ's Calculate Release Dates service names them.</summary>
public enum ReleaseDateType
{
    /// <summary>Conditional release date (released on licence).</summary>
    CRD,
    /// <summary>Automatic release date (released without licence).</summary>
    ARD,
    /// <summary>Sentence and licence expiry date.</summary>
    SLED,
    /// <summary>Sentence expiry date (no licence).</summary>
    SED,
    /// <summary>Licence expiry date, where it differs from the sentence expiry.</summary>
    LED,
    /// <summary>Top-up supervision expiry date: end of post-sentence supervision (PSS).</summary>
    TUSED,
    /// <summary>Home detention curfew eligibility date.</summary>
    HDCED,
    /// <summary>Post-recall release date.</summary>
    PRRD,
    /// <summary>Effective sentence end date: the unadjusted end of the sentence.</summary>
    ESED,
    /// <summary>Early removal scheme eligibility date (foreign nationals).</summary>
    ERSED,
}
