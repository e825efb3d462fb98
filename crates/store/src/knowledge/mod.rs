//! The knowledge base: documents with their tags and the postings of their terms (computed by the domain,
//! `knowledge::terms`), and the search over them. The same SQL runs on both engines: the index is ours,
//! not the engine's full-text search, so folding and stemming are the same everywhere. Beside its words a
//! document files its filters as terms no word can be (`#country:RU`, `#org:…`, `#open`), so that a
//! search merges words, tags and what the reader may read as posting lists alike (`postings`).

mod postings;

pub use postings::{DEFAULT_BUDGET, PostingCache};

use crate::row::{RowExt, opt_uuid, parsed, uuid_of};
use crate::{Result, StoreError};
use liaison_domain::knowledge::KnowledgeBody;
use liaison_domain::knowledge::terms::{self, QueryWord};
use liaison_domain::{OrgId, UserId};
use postings::List;
use sqlx::AnyConnection;
use sqlx::any::AnyRow;
use std::collections::HashMap;
use std::sync::Arc;

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

/// The term a filter tag is filed under: `#` and the tag, which no word can be (words are letters and digits).
fn filter_term(tag: &str) -> String {
    format!("#{tag}")
}

/// The filter term of the documents an organisation published (it reads them whatever their access).
fn org_term(org: OrgId) -> String {
    filter_term(&format!("org:{org}"))
}

/// The filter term of the documents open to every user.
const OPEN: &str = "#open";

/// The filter terms `d` files: its tags, its publisher, and whether it is open to all.
fn filter_terms(d: &KnowledgeRecord) -> Vec<String> {
    let mut out: Vec<String> = d.body.tags().iter().map(|t| filter_term(t)).collect();
    out.push(org_term(d.org));
    if d.body.network().is_none() {
        out.push(OPEN.to_owned());
    }
    out
}

/// The filter terms any of which lets `reader` read a document: open ones, their organisation's, and
/// those of their networks.
fn readable_terms(reader: &Reader) -> Vec<String> {
    let mut out = vec![OPEN.to_owned(), org_term(reader.org)];
    out.extend(reader.networks.iter().map(|n| filter_term(&KnowledgeBody::network_tag(n))));
    out
}

/// Takes `id`'s postings out of the index and out of the counts of their terms (a new version of each),
/// and its tags away.
async fn unindex(conn: &mut AnyConnection, id: &str) -> Result<()> {
    sqlx::query(
        "UPDATE knowledge_terms SET docs = docs - 1, version = version + 1
         WHERE term IN (SELECT term FROM knowledge_postings WHERE doc_id = $1)",
    )
    .bind(id)
    .execute(&mut *conn)
    .await?;
    sqlx::query("DELETE FROM knowledge_postings WHERE doc_id = $1").bind(id).execute(&mut *conn).await?;
    sqlx::query("DELETE FROM knowledge_tags WHERE doc_id = $1").bind(id).execute(&mut *conn).await?;
    Ok(())
}

/// Takes the corpus count's row first, so that writers of the knowledge base go one at a time and never
/// take the rows of their terms (which nearly every document shares: `#open`, `#lang:…`) in different
/// orders (a deadlock on PostgreSQL; SQLite's writers go one at a time anyway). The row always exists
/// (migration 0012).
async fn take_turn(conn: &mut AnyConnection) -> Result<()> {
    sqlx::query("UPDATE knowledge_terms SET docs = docs WHERE term = ''").execute(conn).await?;
    Ok(())
}

/// Counts one more (`1`) or one less (`-1`) document in the corpus.
async fn count_document(conn: &mut AnyConnection, by: i64) -> Result<()> {
    sqlx::query(
        "INSERT INTO knowledge_terms (term, docs) VALUES ('', $1)
         ON CONFLICT (term) DO UPDATE SET docs = knowledge_terms.docs + $1",
    )
    .bind(by)
    .execute(conn)
    .await?;
    Ok(())
}

/// Writes the tags and postings of `d` (words and filters, after removing any it had), the counts and
/// versions of its terms and its length in words.
async fn index(conn: &mut AnyConnection, d: &KnowledgeRecord) -> Result<()> {
    let id = d.id.to_string();
    unindex(conn, &id).await?;
    for tag in d.body.tags() {
        sqlx::query("INSERT INTO knowledge_tags (tag, doc_id) VALUES ($1, $2)")
            .bind(tag)
            .bind(&id)
            .execute(&mut *conn)
            .await?;
    }
    let (postings, words) = terms::document_terms(&d.body.searchable(), &d.body.language);
    // Many rows per statement: a long text has thousands of terms.
    let mut rows: Vec<(String, i64)> = postings.into_iter().map(|(t, tf)| (t, terms::weight(tf, words))).collect();
    rows.extend(filter_terms(d).into_iter().map(|t| (t, 0)));
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
    // In the order of the terms, so concurrent writers take the counters' locks in one order.
    sqlx::query(
        "INSERT INTO knowledge_terms (term, docs, version) SELECT term, 1, 0 FROM knowledge_postings WHERE doc_id = $1
         ORDER BY term ON CONFLICT (term) DO UPDATE SET docs = knowledge_terms.docs + 1,
         version = knowledge_terms.version + 1",
    )
    .bind(&id)
    .execute(&mut *conn)
    .await?;
    sqlx::query("UPDATE knowledge_documents SET words = $2 WHERE id = $1")
        .bind(id)
        .bind(i64::try_from(words).map_err(|_| StoreError::Corrupt("word count".into()))?)
        .execute(conn)
        .await?;
    Ok(())
}

pub async fn insert(conn: &mut AnyConnection, d: &KnowledgeRecord) -> Result<()> {
    take_turn(conn).await?;
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
    count_document(conn, 1).await?;
    index(conn, d).await
}

fn body_json(b: &KnowledgeBody) -> Result<String> {
    serde_json::to_string(b).map_err(|e| StoreError::Corrupt(format!("knowledge document does not serialise: {e}")))
}

/// Writes `d` if the stored version is still `d.version - 1` (`Stale` otherwise), and indexes it afresh.
pub async fn update(conn: &mut AnyConnection, d: &KnowledgeRecord) -> Result<()> {
    take_turn(conn).await?;
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
    take_turn(conn).await?;
    let id = id.to_string();
    unindex(conn, &id).await?;
    let done = sqlx::query("DELETE FROM knowledge_documents WHERE id = $1").bind(&id).execute(&mut *conn).await?;
    if done.rows_affected() == 0 {
        return Ok(false);
    }
    count_document(conn, -1).await?;
    Ok(true)
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

/// What is searched for: words (each with its variants; all must be found) and tags (all must be carried).
#[derive(Debug, Clone)]
pub struct Search {
    pub words: Vec<QueryWord>,
    pub tags: Vec<String>,
    pub limit: usize,
    pub offset: usize,
}

/// A page of results: the documents with their scores, and how many the reader may see matched in all.
#[derive(Debug, Clone)]
pub struct Found {
    pub items: Vec<(KnowledgeRecord, f64)>,
    pub total: usize,
}

/// SQL appending `AND` clauses for access and tags to a query on `knowledge_documents`, binding from
/// `$first`; returns the clause and the values in order.
fn filters(reader: &Reader, tags: &[String], first: usize) -> (String, Vec<String>) {
    let mut values = Vec::new();
    let mut next = first;
    let mut param = |v: String, values: &mut Vec<String>| {
        values.push(v);
        let p = format!("${next}");
        next += 1;
        p
    };
    let org = param(reader.org.to_string(), &mut values);
    let mut sql = format!(" AND (network IS NULL OR org_id = {org}");
    if !reader.networks.is_empty() {
        let nets: Vec<String> = reader.networks.iter().map(|n| param(n.clone(), &mut values)).collect();
        sql.push_str(&format!(" OR network IN ({})", nets.join(", ")));
    }
    sql.push(')');
    for tag in tags {
        let p = param(tag.clone(), &mut values);
        sql.push_str(&format!(
            " AND EXISTS (SELECT 1 FROM knowledge_tags t WHERE t.tag = {p} AND t.doc_id = knowledge_documents.id)"
        ));
    }
    (sql, values)
}

fn placeholders(from: usize, n: usize) -> String {
    (from..from + n).map(|i| format!("${i}")).collect::<Vec<_>>().join(", ")
}

/// Where a term stands: how many documents file it (the empty term: how many documents there are) and
/// the version of its postings. Rows of `knowledge_terms` are never deleted (a term counted down to no
/// documents keeps its row and version): a version only rises, so a list held at a version is that
/// version's list.
#[derive(Debug, Clone, Copy)]
struct TermState {
    docs: i64,
    version: i64,
}

async fn term_states(conn: &mut AnyConnection, terms: &[&str]) -> Result<HashMap<String, TermState>> {
    let sql =
        format!("SELECT term, docs, version FROM knowledge_terms WHERE term IN ({})", placeholders(1, terms.len()));
    let mut query = sqlx::query(sqlx::AssertSqlSafe(sql));
    for t in terms {
        query = query.bind(t.to_string());
    }
    let rows = query.fetch_all(conn).await?;
    rows.iter().map(|r| Ok((r.s("term")?, TermState { docs: r.i("docs")?, version: r.i("version")? }))).collect()
}

/// Every posting of `term`, as (document, weight).
async fn read_postings(conn: &mut AnyConnection, term: &str) -> Result<Vec<(u128, u16)>> {
    let rows = sqlx::query("SELECT doc_id, weight FROM knowledge_postings WHERE term = $1")
        .bind(term.to_owned())
        .fetch_all(conn)
        .await?;
    rows.iter()
        .map(|r| {
            let weight = u16::try_from(r.i("weight")?.clamp(0, i64::from(u16::MAX))).unwrap_or(u16::MAX);
            Ok((uuid_of("doc_id", &r.s("doc_id")?)?.as_u128(), weight))
        })
        .collect()
}

/// The list of `term` at its state: the one `cache` holds at that version, or read and held.
async fn list(
    conn: &mut AnyConnection,
    cache: &PostingCache,
    term: &str,
    state: Option<TermState>,
) -> Result<Arc<List>> {
    let Some(state) = state.filter(|s| s.docs > 0) else {
        return Ok(Arc::default());
    };
    if let Some(held) = cache.get(term, state.version) {
        return Ok(held);
    }
    let postings = read_postings(conn, term).await?;
    Ok(cache.put(term, state.version, postings))
}

/// Reads the lists of the commonest terms into `cache` until half its budget is planned, so that the first
/// searches after a start find them in memory; returns how many lists were read.
pub async fn warm(conn: &mut AnyConnection, cache: &PostingCache) -> Result<usize> {
    let rows = sqlx::query(
        "SELECT term, docs, version FROM knowledge_terms WHERE term <> '' AND docs > 0 ORDER BY docs DESC, term",
    )
    .fetch_all(&mut *conn)
    .await?;
    let mut planned = 0usize;
    let mut read = 0;
    for r in &rows {
        let term = r.s("term")?;
        let state = TermState { docs: r.i("docs")?, version: r.i("version")? };
        planned += usize::try_from(state.docs).unwrap_or(usize::MAX).saturating_mul(6) + term.len();
        if planned > cache.budget() / 2 {
            break;
        }
        list(conn, cache, &term, Some(state)).await?;
        read += 1;
    }
    Ok(read)
}

/// The documents of `ids` that still exist and that the reader may still read with every tag, by id: the
/// lists may have been read before a document changed, and what is handed out is checked on what is stored.
async fn get_many(
    conn: &mut AnyConnection,
    reader: &Reader,
    tags: &[String],
    ids: &[String],
) -> Result<HashMap<String, KnowledgeRecord>> {
    if ids.is_empty() {
        return Ok(HashMap::new());
    }
    let (filter, values) = filters(reader, tags, ids.len() + 1);
    let sql = format!("{DOC} WHERE id IN ({}){filter}", placeholders(1, ids.len()));
    let mut query = sqlx::query(sqlx::AssertSqlSafe(sql));
    for id in ids.iter().chain(&values) {
        query = query.bind(id.clone());
    }
    query.fetch_all(conn).await?.iter().map(|r| Ok((r.s("id")?, doc_row(r)?))).collect()
}

/// Searches the documents the reader may see: every word must be found (any of its variants), every tag
/// carried; documents are ranked by BM25 (the weights kept with the postings times each word's rarity),
/// ties by id. The words', tags' and readers' lists are merged in memory (`postings`), each read from the
/// database only when it changed since it was last read; the result is exact, however common the words.
/// Without words, the newest documents carrying the tags.
pub async fn search(conn: &mut AnyConnection, cache: &PostingCache, reader: &Reader, q: &Search) -> Result<Found> {
    if q.words.is_empty() {
        return browse(conn, reader, q).await;
    }
    let tags: Vec<String> = q.tags.iter().map(|t| filter_term(t)).collect();
    let readable = readable_terms(reader);
    let mut asked: Vec<&str> = vec![""];
    asked.extend(q.words.iter().flat_map(|w| w.variants.iter().map(String::as_str)));
    asked.extend(tags.iter().chain(&readable).map(String::as_str));
    asked.sort_unstable();
    asked.dedup();
    let states = term_states(conn, &asked).await?;
    let mut lists: HashMap<&str, Arc<List>> = HashMap::new();
    for term in asked.iter().filter(|t| !t.is_empty()) {
        lists.insert(term, list(conn, cache, term, states.get(*term).copied()).await?);
    }
    let n = states.get("").map_or(0, |s| s.docs);
    let of = |term: &String| lists.get(term.as_str()).cloned().unwrap_or_default();
    let words: Vec<(Arc<List>, f64)> = q
        .words
        .iter()
        .map(|w| {
            let docs = w.variants.iter().map(|v| states.get(v.as_str()).map_or(0, |s| s.docs)).max().unwrap_or(0);
            (List::union(&w.variants.iter().map(of).collect::<Vec<_>>()), terms::idf(docs, n))
        })
        .collect();
    let matched = postings::matches(words, tags.iter().map(of).collect(), readable.iter().map(of).collect());

    let total = matched.len();
    let mut ranked: Vec<(u128, f64)> =
        cache.ids(matched.iter().map(|m| m.0)).into_iter().zip(matched.iter().map(|m| m.1)).collect();
    let best_first = |a: &(u128, f64), b: &(u128, f64)| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0));
    let wanted = q.offset.saturating_add(q.limit);
    if wanted < ranked.len() {
        ranked.select_nth_unstable_by(wanted, best_first);
        ranked.truncate(wanted);
    }
    ranked.sort_unstable_by(best_first);
    let page: Vec<(String, f64)> =
        ranked.into_iter().skip(q.offset).map(|(id, s)| (uuid::Uuid::from_u128(id).to_string(), s)).collect();
    let mut docs = get_many(conn, reader, &q.tags, &page.iter().map(|(id, _)| id.clone()).collect::<Vec<_>>()).await?;
    let items = page.into_iter().filter_map(|(id, score)| docs.remove(&id).map(|d| (d, score))).collect();
    Ok(Found { items, total })
}

async fn browse(conn: &mut AnyConnection, reader: &Reader, q: &Search) -> Result<Found> {
    let (filter, values) = filters(reader, &q.tags, 1);
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
    Ok(Found { items, total })
}
