//! The knowledge base: documents with their tags and the postings of their terms (computed by the domain,
//! `knowledge::terms`), and the search over them. The same SQL runs on both engines: the index is ours,
//! not the engine's full-text search, so folding and stemming are the same everywhere.

use crate::row::{RowExt, opt_uuid, parsed, uuid_of};
use crate::{Result, StoreError};
use liaison_domain::knowledge::KnowledgeBody;
use liaison_domain::knowledge::terms::{self, QueryWord};
use liaison_domain::{OrgId, UserId};
use sqlx::AnyConnection;
use sqlx::any::AnyRow;
use std::collections::HashMap;

#[derive(Debug, Clone, PartialEq)]
pub struct KnowledgeRecord {
    pub id: uuid::Uuid,
    pub org: OrgId,
    pub body: KnowledgeBody,
    pub created_by: Option<UserId>,
    pub created_at: i64,
    pub updated_at: i64,
    pub version: i64,
}

const DOC: &str = "SELECT id, org_id, body, created_by, created_at, updated_at, version FROM knowledge_documents";

fn doc_row(r: &AnyRow) -> Result<KnowledgeRecord> {
    Ok(KnowledgeRecord {
        id: uuid_of("id", &r.s("id")?)?,
        org: OrgId(uuid_of("org_id", &r.s("org_id")?)?),
        body: parsed("body", serde_json::from_str(&r.s("body")?))?,
        created_by: opt_uuid("created_by", r.os("created_by")?)?.map(UserId),
        created_at: r.i("created_at")?,
        updated_at: r.i("updated_at")?,
        version: r.i("version")?,
    })
}

/// Writes the tags and postings of `d` (after removing any it had) and its length in words.
async fn index(conn: &mut AnyConnection, d: &KnowledgeRecord) -> Result<()> {
    let id = d.id.to_string();
    sqlx::query("DELETE FROM knowledge_tags WHERE doc_id = $1").bind(&id).execute(&mut *conn).await?;
    sqlx::query("DELETE FROM knowledge_postings WHERE doc_id = $1").bind(&id).execute(&mut *conn).await?;
    for tag in d.body.tags() {
        sqlx::query("INSERT INTO knowledge_tags (tag, doc_id) VALUES ($1, $2)")
            .bind(tag)
            .bind(&id)
            .execute(&mut *conn)
            .await?;
    }
    let (postings, words) = terms::document_terms(&d.body.searchable(), &d.body.language);
    // Many rows per statement: a long text has thousands of terms.
    let rows: Vec<(String, i64)> = postings.into_iter().map(|(t, tf)| (t, terms::weight(tf, words))).collect();
    for chunk in rows.chunks(300) {
        let mut sql = String::from("INSERT INTO knowledge_postings (term, doc_id, weight) VALUES ");
        for i in 0..chunk.len() {
            if i > 0 {
                sql.push(',');
            }
            sql.push_str(&format!("(${}, $1, ${})", 2 * i + 2, 2 * i + 3));
        }
        let mut q = sqlx::query(sqlx::AssertSqlSafe(sql)).bind(id.clone());
        for (term, weight) in chunk {
            q = q.bind(term.clone()).bind(*weight);
        }
        q.execute(&mut *conn).await?;
    }
    sqlx::query("UPDATE knowledge_documents SET words = $2 WHERE id = $1")
        .bind(id)
        .bind(i64::try_from(words).map_err(|_| StoreError::Corrupt("word count".into()))?)
        .execute(conn)
        .await?;
    Ok(())
}

pub async fn insert(conn: &mut AnyConnection, d: &KnowledgeRecord) -> Result<()> {
    sqlx::query(
        "INSERT INTO knowledge_documents (id, org_id, title, kind, language, network, body, words, created_by,
         created_at, updated_at, version) VALUES ($1, $2, $3, $4, $5, $6, $7, 0, $8, $9, $10, $11)",
    )
    .bind(d.id.to_string())
    .bind(d.org.to_string())
    .bind(d.body.title.clone())
    .bind(d.body.kind.as_str())
    .bind(d.body.language.clone())
    .bind(d.body.network().map(str::to_owned))
    .bind(body_json(&d.body)?)
    .bind(d.created_by.map(|u| u.to_string()))
    .bind(d.created_at)
    .bind(d.updated_at)
    .bind(d.version)
    .execute(&mut *conn)
    .await?;
    index(conn, d).await
}

fn body_json(b: &KnowledgeBody) -> Result<String> {
    serde_json::to_string(b).map_err(|e| StoreError::Corrupt(format!("knowledge document does not serialise: {e}")))
}

/// Writes `d` if the stored version is still `d.version - 1` (`Stale` otherwise), and indexes it afresh.
pub async fn update(conn: &mut AnyConnection, d: &KnowledgeRecord) -> Result<()> {
    let done = sqlx::query(
        "UPDATE knowledge_documents SET title = $3, kind = $4, language = $5, network = $6, body = $7,
         updated_at = $8, version = $9 WHERE id = $1 AND version = $2",
    )
    .bind(d.id.to_string())
    .bind(d.version - 1)
    .bind(d.body.title.clone())
    .bind(d.body.kind.as_str())
    .bind(d.body.language.clone())
    .bind(d.body.network().map(str::to_owned))
    .bind(body_json(&d.body)?)
    .bind(d.updated_at)
    .bind(d.version)
    .execute(&mut *conn)
    .await?;
    if done.rows_affected() == 0 {
        return Err(StoreError::Stale("knowledge document"));
    }
    index(conn, d).await
}

/// Removes a document with its tags and postings.
pub async fn delete(conn: &mut AnyConnection, id: uuid::Uuid) -> Result<bool> {
    let id = id.to_string();
    sqlx::query("DELETE FROM knowledge_tags WHERE doc_id = $1").bind(&id).execute(&mut *conn).await?;
    sqlx::query("DELETE FROM knowledge_postings WHERE doc_id = $1").bind(&id).execute(&mut *conn).await?;
    let done = sqlx::query("DELETE FROM knowledge_documents WHERE id = $1").bind(&id).execute(conn).await?;
    Ok(done.rows_affected() > 0)
}

pub async fn get(conn: &mut AnyConnection, id: uuid::Uuid) -> Result<Option<KnowledgeRecord>> {
    let row = sqlx::query(sqlx::AssertSqlSafe(format!("{DOC} WHERE id = $1")))
        .bind(id.to_string())
        .fetch_optional(conn)
        .await?;
    row.as_ref().map(doc_row).transpose()
}

/// Who reads: their organisation (it sees what it published) and the networks their state belongs to.
#[derive(Debug, Clone)]
pub struct Reader {
    pub org: OrgId,
    pub networks: Vec<String>,
}

/// What is searched for: words (each with its variants; all must be found), tags (all must be carried).
#[derive(Debug, Clone, Default)]
pub struct Search {
    pub words: Vec<QueryWord>,
    pub tags: Vec<String>,
    pub limit: usize,
    pub offset: usize,
}

/// A page of results: the documents with their scores, and how many matched in all (`capped`: at least so
/// many — the commonest word's candidates were cut to its best `CANDIDATES`).
#[derive(Debug, Clone)]
pub struct Found {
    pub items: Vec<(KnowledgeRecord, f64)>,
    pub total: usize,
    pub capped: bool,
}

/// A word found in more documents than this is read for its best-weighted documents only; the other words
/// are then looked up among those.
pub const CANDIDATES: usize = 5_000;

/// SQL appending `AND` clauses for access and tags to a query on `alias.doc_id` or `alias.id`, binding
/// from `$first`; returns the clause and the values in order.
fn filters(column: &str, reader: &Reader, tags: &[String], first: usize) -> (String, Vec<String>) {
    let mut sql = String::new();
    let mut values = Vec::new();
    let mut next = first;
    let mut param = |v: String, values: &mut Vec<String>| {
        values.push(v);
        let p = format!("${next}");
        next += 1;
        p
    };
    let org = param(reader.org.to_string(), &mut values);
    let mut access = format!("network IS NULL OR org_id = {org}");
    if !reader.networks.is_empty() {
        let nets: Vec<String> = reader.networks.iter().map(|n| param(n.clone(), &mut values)).collect();
        access.push_str(&format!(" OR network IN ({})", nets.join(", ")));
    }
    sql.push_str(&format!(" AND {column} IN (SELECT id FROM knowledge_documents WHERE {access})"));
    for tag in tags {
        let p = param(tag.clone(), &mut values);
        sql.push_str(&format!(" AND {column} IN (SELECT doc_id FROM knowledge_tags WHERE tag = {p})"));
    }
    (sql, values)
}

fn placeholders(from: usize, n: usize) -> String {
    (from..from + n).map(|i| format!("${i}")).collect::<Vec<_>>().join(", ")
}

/// Searches the documents the reader may see. Without words, the newest documents carrying the tags.
pub async fn search(conn: &mut AnyConnection, reader: &Reader, q: &Search) -> Result<Found> {
    if q.words.is_empty() {
        return browse(conn, reader, q).await;
    }
    let n: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM knowledge_documents").fetch_one(&mut *conn).await?;
    // How many documents hold each word; the rarest is read first.
    let mut words: Vec<(&QueryWord, i64)> = Vec::new();
    for w in &q.words {
        let sql = format!(
            "SELECT COUNT(DISTINCT doc_id) FROM knowledge_postings WHERE term IN ({})",
            placeholders(1, w.variants.len())
        );
        let mut query = sqlx::query_scalar::<_, i64>(sqlx::AssertSqlSafe(sql));
        for v in &w.variants {
            query = query.bind(v.clone());
        }
        let df = query.fetch_one(&mut *conn).await?;
        if df == 0 {
            return Ok(Found { items: Vec::new(), total: 0, capped: false });
        }
        words.push((w, df));
    }
    words.sort_by_key(|(_, df)| *df);
    let mut scores: HashMap<String, f64> = HashMap::new();
    let mut capped = false;
    for (i, (w, df)) in words.iter().enumerate() {
        let idf = terms::idf(*df, n);
        let terms_sql = placeholders(1, w.variants.len());
        let mut values: Vec<String> = w.variants.clone();
        let sql = if i == 0 {
            let (filter, fvalues) = filters("doc_id", reader, &q.tags, values.len() + 1);
            values.extend(fvalues);
            format!(
                "SELECT doc_id, MAX(weight) AS w FROM knowledge_postings WHERE term IN ({terms_sql}){filter}
                 GROUP BY doc_id ORDER BY w DESC, doc_id LIMIT {}",
                CANDIDATES + 1
            )
        } else {
            let ids: Vec<String> = scores.keys().cloned().collect();
            let docs_sql = placeholders(values.len() + 1, ids.len());
            values.extend(ids);
            format!(
                "SELECT doc_id, MAX(weight) AS w FROM knowledge_postings WHERE term IN ({terms_sql})
                 AND doc_id IN ({docs_sql}) GROUP BY doc_id"
            )
        };
        let mut query = sqlx::query(sqlx::AssertSqlSafe(sql));
        for v in values {
            query = query.bind(v);
        }
        let rows = query.fetch_all(&mut *conn).await?;
        let mut next: HashMap<String, f64> = HashMap::with_capacity(rows.len());
        for r in rows.iter().take(CANDIDATES) {
            let id = r.s("doc_id")?;
            let part = idf * r.i("w")? as f64 / 1000.0;
            let before = if i == 0 { Some(0.0) } else { scores.get(&id).copied() };
            if let Some(b) = before {
                next.insert(id, b + part);
            }
        }
        if i == 0 && rows.len() > CANDIDATES {
            capped = true;
        }
        scores = next;
        if scores.is_empty() {
            break;
        }
    }
    let mut ranked: Vec<(String, f64)> = scores.into_iter().collect();
    ranked.sort_by(|a, b| b.1.total_cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    let total = ranked.len();
    let mut items = Vec::new();
    for (id, score) in ranked.into_iter().skip(q.offset).take(q.limit) {
        if let Some(d) = get(conn, uuid_of("doc_id", &id)?).await? {
            items.push((d, score));
        }
    }
    Ok(Found { items, total, capped })
}

async fn browse(conn: &mut AnyConnection, reader: &Reader, q: &Search) -> Result<Found> {
    let (filter, values) = filters("id", reader, &q.tags, 1);
    let count_sql = format!("SELECT COUNT(*) FROM knowledge_documents WHERE 1 = 1{filter}");
    let mut count = sqlx::query_scalar::<_, i64>(sqlx::AssertSqlSafe(count_sql));
    for v in &values {
        count = count.bind(v.clone());
    }
    let total = usize::try_from(count.fetch_one(&mut *conn).await?).unwrap_or(0);
    let sql = format!("{DOC} WHERE 1 = 1{filter} ORDER BY updated_at DESC, id LIMIT {} OFFSET {}", q.limit, q.offset);
    let mut query = sqlx::query(sqlx::AssertSqlSafe(sql));
    for v in values {
        query = query.bind(v);
    }
    let rows = query.fetch_all(conn).await?;
    let items = rows.iter().map(|r| doc_row(r).map(|d| (d, 0.0))).collect::<Result<Vec<_>>>()?;
    Ok(Found { items, total, capped: false })
}
