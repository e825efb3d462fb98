//! Demonstration notices: a Russian red notice for the suspect of the demo fraud case, a diffusion addressed to
//! Uzbekistan only, a UN special notice with Arabic-script names, a stolen car and a stolen passport. All
//! people and documents are fictional (the passport is ICAO's specimen).

use anyhow::Result;
use liaison_domain::notice::NoticeBody;
use liaison_server::services::notices;
use liaison_server::state::AppState;
use serde_json::json;

pub async fn seed(st: &AppState) -> Result<()> {
    let ncb = crate::demo_requests::caller(st, "ru.ncb").await?;
    let bodies = [
        json!({"kind": "red", "title": "Мошенничество в особо крупном размере (ч. 4 ст. 159 УК РФ)",
            "summary": "Разыскивается для ареста и выдачи по уголовному делу № 12-345/2026.",
            "subject": {"person": {"forename": "Sergei", "name": "Plokhov", "forename_in_original_script": "Сергей",
                "name_in_original_script": "Плохов", "other_names": ["Плохов Сергей Иванович"], "date_of_birth": "1980/03/14",
                "nationalities": ["RU"], "sex_id": "M", "place_of_birth": "Тверь", "height": 1.82, "weight": 85,
                "arrest_warrants": [{"issuing_country_id": "RU", "charge": "Мошенничество в особо крупном размере",
                    "charge_translation": "Large-scale fraud"}]}}}),
        json!({"kind": "diffusion", "title": "Legalisation of criminal proceeds", "addressees": ["UZ"],
            "subject": {"person": {"forename": "Rashad", "name": "Aliyev", "forename_in_original_script": "Rəşad",
                "name_in_original_script": "Əliyev", "date_of_birth": "1978/11", "nationalities": ["AZ"], "sex_id": "M"}}}),
        json!({"kind": "un_special", "title": "QDi.999 (fictional)",
            "subject": {"person": {"forename": "Salim Yusuf", "name": "Al-Qasrawi", "forename_in_original_script": "سليم يوسف",
                "name_in_original_script": "القصراوي", "date_of_birth": "1976", "nationalities": ["SY"],
                "aliases": [{"forename": "Abu Salim"}, {"forename": "Salem", "name": "Qasraoui", "date_of_birth": "1976"}]}}}),
        json!({"kind": "stolen_vehicle", "title": "Tesla Model 3, stolen in Moscow",
            "subject": {"vehicle": {"vin": "5YJ3E1EA7HF000337", "plate": "А 123 ВС 77", "plate_country": "RU",
                "make": "Tesla", "model": "Model 3", "colour": "white", "year": 2017}}}),
        json!({"kind": "travel_document", "title": "Stolen passport (ICAO specimen)",
            "subject": {"document": {"document_type": "passport", "number": "", "issuing_state": "UTO", "status": "stolen",
                "mrz": "P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<\nL898902C36UTO7408122F1204159ZE184226B<<<<<10"}}}),
    ];
    for b in bodies {
        let body: NoticeBody = serde_json::from_value(b)?;
        notices::create(st, &ncb, body).await.map_err(|e| anyhow::anyhow!("demo notice: {e}"))?;
    }
    Ok(())
}
