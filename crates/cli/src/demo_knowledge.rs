//! Demonstration documents of the knowledge base: a summary of UNTOC Article 18 and a short guide in
//! Arabic (by the data steward, open to all), a Russian practice note of the Russian central authority, and
//! a CASC guide restricted to the network's states. The texts are summaries written for the demonstration,
//! not authentic texts of the instruments.

use anyhow::Result;
use liaison_server::services::knowledge::{self, KnowledgeInput};
use liaison_server::state::AppState;

fn doc(title: &str, kind: &str, language: &str, text: &str) -> KnowledgeInput {
    KnowledgeInput {
        title: title.into(),
        kind: kind.into(),
        language: language.into(),
        text: text.into(),
        ..KnowledgeInput::default()
    }
}

pub async fn seed(st: &AppState) -> Result<()> {
    let steward = crate::demo_requests::caller(st, "steward").await?;
    let ru = crate::demo_requests::caller(st, "ru.officer").await?;
    let uz = crate::demo_requests::caller(st, "uz.officer").await?;
    let untoc = KnowledgeInput {
        instruments: vec!["untoc".into()],
        articles: Some("Art. 18".into()),
        summary: Some("What Article 18 asks of the requesting and the requested State (summary).".into()),
        source: Some("United Nations Convention against Transnational Organized Crime, UNTS vol. 2225; summary written for this demonstration".into()),
        crime_types: vec!["participation_in_organised_crime".into()],
        ..doc(
            "UNTOC Article 18: mutual legal assistance in brief",
            "legislation",
            "en",
            "States Parties afford one another the widest measure of mutual legal assistance in investigations, \
             prosecutions and judicial proceedings for the offences covered by the Convention. Assistance may be \
             requested for taking evidence or statements, effecting service of judicial documents, executing \
             searches, seizures and freezing, examining objects and sites, providing information, evidentiary items \
             and expert evaluations, providing bank, financial and business records, and identifying or tracing \
             proceeds of crime.\n\nBank secrecy is not a ground to refuse assistance. Each State designates a \
             central authority to receive, execute or transmit requests, and notifies the Secretary-General of \
             the languages it accepts. A request states the requesting authority, the subject and nature of the \
             investigation, a summary of the facts, the assistance sought and its purpose. Where a witness is in \
             another State, the hearing may take place by videoconference.",
        )
    };
    let guide_ar = KnowledgeInput {
        instruments: vec!["untoc".into(), "uncac".into()],
        countries: vec!["IQ".into()],
        ..doc(
            "دليل موجز لطلبات المساعدة القانونية المتبادلة",
            "guide",
            "ar",
            "يتضمن طلب المساعدة القانونية المتبادلة اسم السلطة الطالبة، وموضوع التحقيق وطبيعته، وملخصًا للوقائع، \
             ووصفًا للمساعدة المطلوبة والغرض منها. ويُرسل الطلب إلى السلطة المركزية التي تسميها الدولة متلقية \
             الطلب، باللغة التي تقبلها وفقًا لإعلانها بموجب الاتفاقية.",
        )
    };
    let practice_ru = KnowledgeInput {
        countries: vec!["RU".into()],
        instruments: vec!["minsk1993".into(), "chisinau2002".into()],
        crime_types: vec!["fraud".into()],
        ..doc(
            "Запрос о правовой помощи в государства СНГ: что проверить перед отправкой",
            "best_practice",
            "ru",
            "Перед направлением запроса о правовой помощи проверьте: применимую конвенцию (Кишиневская конвенция \
             2002 года между её участниками, иначе Минская конвенция 1993 года), компетентный орган запрашиваемого \
             государства, язык запроса, полноту изложения фактических обстоятельств и квалификации деяния, перечень \
             вопросов свидетелю, сроки. Неисполненные запросы выносятся на заседание рабочей группы.",
        )
    };
    let casc = KnowledgeInput {
        countries: vec!["UZ".into(), "KZ".into(), "KG".into(), "TJ".into()],
        network: Some("casc".into()),
        ..doc(
            "Памятка CASC: как согласовать запрос с контактным лицом до отправки",
            "guide",
            "ru",
            "Контактные лица сети CASC помогают заранее согласовать проект запроса о правовой помощи: уточнить \
             компетентный орган, требования к переводу и срокам исполнения. Материал предназначен только для \
             государств — членов и участников сети (демонстрационный текст).",
        )
    };
    for (caller, input) in [(&steward, untoc), (&steward, guide_ar), (&ru, practice_ru), (&uz, casc)] {
        knowledge::publish(st, caller, input).await.map_err(|e| anyhow::anyhow!("demo knowledge document: {e}"))?;
    }
    Ok(())
}
