//! A demonstration working group of the Russian and Uzbek prosecutor general's offices (its Uzbek secretary,
//! the two central authority officers as co-chairs): a meeting held last month with a protocol in Russian
//! and English and two decisions turned into tasks, the next meeting planned (its agenda opens with the
//! overdue request to Uzbekistan), the assets frozen last year; and CASC: Uzbekistan's focal point and a
//! regional workshop.

use anyhow::{Result, anyhow};
use liaison_domain::group::meeting::Translation;
use liaison_domain::group::results::{Entered, Indicator};
use liaison_domain::network::EventBody;
use liaison_server::services::files::Upload;
use liaison_server::services::groups::{self, GroupInput, MeetingInput, MemberInput, ProtocolRecord, TaskInput};
use liaison_server::services::{group_files, group_results, networks};
use liaison_server::state::AppState;

pub async fn seed(st: &AppState) -> Result<()> {
    let secretary = crate::demo_requests::caller(st, "uz.secretary").await?;
    let ru = crate::demo_requests::caller(st, "ru.officer").await?;
    let uz = crate::demo_requests::caller(st, "uz.officer").await?;
    let (Some(ru_actor), Some(uz_actor)) = (ru.actor(), uz.actor()) else { return Err(anyhow!("demo actors")) };
    let err = |e: liaison_server::error::AppError| anyhow!("demo working group: {e}");
    let group = groups::create(
        st,
        &secretary,
        GroupInput {
            name: "Рабочая группа генеральных прокуратур Российской Федерации и Республики Узбекистан".into(),
            mandate: "Взаимодействие по уголовным делам о мошенничестве, незаконном обороте наркотиков и отмывании \
                      доходов; контроль исполнения запросов о правовой помощи и выдаче между сторонами."
                .into(),
            established: "2019-10-01".into(),
            rhythm: Some("Дважды в год, поочерёдно в Москве и Ташкенте".into()),
            parties: vec![ru_actor.org.to_string(), uz_actor.org.to_string()],
            members: vec![
                MemberInput { user: ru_actor.user.to_string(), role: "co_chair".into() },
                MemberInput { user: uz_actor.user.to_string(), role: "co_chair".into() },
            ],
        },
    )
    .await
    .map_err(err)?;
    let today = st.today().map_err(err)?;
    let day = |n: i64| today.add_days(n).map(|d| d.to_string()).unwrap_or_default();
    let held = groups::plan_meeting(
        st,
        &secretary,
        group.id,
        MeetingInput {
            title: "Заседание № 12".into(),
            starts: format!("{}T10:00", day(-30)),
            time_zone: "Asia/Tashkent".into(),
            duration_minutes: 180,
            place: Some("Ташкент".into()),
            online_link: None,
        },
    )
    .await
    .map_err(err)?;
    let held = groups::record_protocol(
        st,
        &secretary,
        held.id,
        held.version,
        ProtocolRecord {
            attendance: vec![ru_actor.user, uz_actor.user],
            minutes: "Стороны рассмотрели ход исполнения запросов о правовой помощи и согласовали план на полугодие."
                .into(),
            decisions: vec![
                "Ускорить исполнение запросов по делам о мошенничестве".into(),
                "Провести совместный семинар по контролируемым поставкам".into(),
            ],
            language: Some("ru".into()),
            translation: Some(Translation {
                language: "en".into(),
                minutes: "The parties reviewed the execution of requests for mutual legal assistance and agreed the \
                          plan for the half-year."
                    .into(),
                decisions: vec![
                    "Speed up the execution of requests in fraud cases".into(),
                    "Hold a joint workshop on controlled deliveries".into(),
                ],
            }),
        },
    )
    .await
    .map_err(err)?;
    group_files::attach(
        st,
        &secretary,
        held.id,
        Upload {
            name: "Справка о ходе исполнения запросов.txt".into(),
            note: "К пункту 1 повестки".into(),
            bytes: "Справка о ходе исполнения запросов о правовой помощи между сторонами (демонстрационный текст).\n\
                    Исполнено: 4. На исполнении: 2. Без ответа более 90 дней: 1.\n"
                .as_bytes()
                .to_vec(),
        },
    )
    .await
    .map_err(err)?;
    for (n, description, party, owner, due) in [
        (1, "Представить сведения о неисполненных запросах", uz_actor.org, uz_actor.user, day(-5)),
        (2, "Подготовить программу семинара", ru_actor.org, ru_actor.user, day(45)),
    ] {
        groups::create_task(
            st,
            &secretary,
            group.id,
            TaskInput {
                description: description.into(),
                party: party.to_string(),
                owner: Some(owner.to_string()),
                due,
                meeting: Some(held.id.to_string()),
                decision: Some(n),
                links: Vec::new(),
            },
        )
        .await
        .map_err(err)?;
    }
    groups::plan_meeting(
        st,
        &secretary,
        group.id,
        MeetingInput {
            title: "Заседание № 13".into(),
            starts: format!("{}T10:00", day(60)),
            time_zone: "Europe/Moscow".into(),
            duration_minutes: 180,
            place: Some("Москва".into()),
            online_link: None,
        },
    )
    .await
    .map_err(err)?;
    group_results::enter(
        st,
        &secretary,
        group.id,
        Entered {
            year: today.year() - 1,
            indicator: Indicator::AssetsFrozen,
            value: 2_400_000.0,
            note: Some("Счета в трёх банках".into()),
        },
    )
    .await
    .map_err(err)?;

    networks::hand_over(st, &secretary, "casc", uz_actor.user).await.map_err(err)?;
    let workshop: EventBody = serde_json::from_value(serde_json::json!({
        "title": "Региональный семинар CASC по выдаче и правовой помощи", "kind": "workshop",
        "objectives": "Обмен практикой исполнения запросов; согласование контактных лиц.",
        "programme": "День 1: выдача. День 2: правовая помощь и видеоконференции.",
        "starts": day(20), "ends": day(21), "place": "Ташкент", "organisers": ["UNODC", "Секретариат CASC"],
        "participants": [
            {"name": "Malika Tursunova", "country": "UZ", "authority": "Oʻzbekiston Respublikasi Bosh prokuraturasi"},
            {"name": "Айгерим Сапарова", "country": "KZ", "authority": "Генеральная прокуратура Республики Казахстан"}]
    }))?;
    networks::create_event(st, &secretary, "casc", workshop).await.map_err(err)?;
    Ok(())
}
