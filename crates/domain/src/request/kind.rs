//! What a request asks for: the measures of assistance, the purpose of an extradition, the urgency.

use crate::legal_basis::CooperationType;

named_enum! {
    /// Measures a request for mutual legal assistance (or for confiscation) may ask for.
    pub enum Measure {
        TakingEvidence = "taking_evidence",
        HearingWitness = "hearing_witness",
        HearingSuspect = "hearing_suspect",
        HearingExpert = "hearing_expert",
        HearingByVideoLink = "hearing_by_video_link",
        SearchAndSeizure = "search_and_seizure",
        BankRecords = "bank_records",
        TelecomData = "telecom_data",
        ServiceOfDocuments = "service_of_documents",
        ControlledDelivery = "controlled_delivery",
        CovertInvestigation = "covert_investigation",
        TemporaryTransferOfDetainedPerson = "temporary_transfer_of_detained_person",
        Freezing = "freezing",
        Confiscation = "confiscation",
        AssetSharing = "asset_sharing",
    }
}

impl Measure {
    /// The types of request the measure belongs to.
    pub fn fits(self, kind: CooperationType) -> bool {
        match self {
            Measure::Freezing => matches!(kind, CooperationType::Mla | CooperationType::Confiscation),
            Measure::Confiscation | Measure::AssetSharing => kind == CooperationType::Confiscation,
            _ => kind == CooperationType::Mla,
        }
    }

    /// A hearing of a person (in person or by video link).
    pub fn is_hearing(self) -> bool {
        matches!(
            self,
            Measure::HearingWitness | Measure::HearingSuspect | Measure::HearingExpert | Measure::HearingByVideoLink
        )
    }
}

named_enum! {
    /// Why extradition is sought.
    pub enum ExtraditionPurpose {
        /// To prosecute the person (an arrest warrant or equivalent order).
        Prosecution = "prosecution",
        /// To enforce a sentence already imposed (a final judgment).
        Enforcement = "enforcement",
    }
}

named_enum! {
    /// How fast an answer is needed.
    pub enum Urgency {
        Normal = "normal",
        /// Time-bound: a hearing date, a limitation period, evidence at risk.
        Urgent = "urgent",
        /// A person is detained or a freeze must act before assets move.
        VeryUrgent = "very_urgent",
    }
}
