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

/// Takes `id`'s postings out of the index and out of the counts of their terms, and its tags away.
async fn unindex(conn: &mut AnyConnection, id: &str) -> Result<()> {
    sqlx::query(
        "UPDATE knowledge_terms SET docs = docs - 1
         WHERE term IN (SELECT term FROM knowledge_postings WHERE doc_id = $1)",
    )
    .bind(id)
    .execute(&mut *conn)
    .await?;
    sqlx::query("DELETE FROM knowledge_postings WHERE doc_id = $1").bind(id).execute(&mut *conn).await?;
    sqlx::query("DELETE FROM knowledge_tags WHERE doc_id = $1").bind(id).execute(&mut *conn).await?;
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

/// Writes the tags and postings of `d` (after removing any it had), the counts of its terms and its length
/// in words.
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
    // In the order of the terms, so concurrent writers take the counters' locks in one order.
    sqlx::query(
        "INSERT INTO knowledge_terms (term, docs) SELECT term, 1 FROM knowledge_postings WHERE doc_id = $1
         ORDER BY term ON CONFLICT (term) DO UPDATE SET docs = knowledge_terms.docs + 1",
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

/// What is searched for: words (each with its variants; all must be found), tags (all must be carried);
/// how many candidates are ranked at most (`CANDIDATES` but in tests).
#[derive(Debug, Clone)]
pub struct Search {
    pub words: Vec<QueryWord>,
    pub tags: Vec<String>,
    pub limit: usize,
    pub offset: usize,
    pub candidates: usize,
}

/// A page of results: the documents with their scores, and how many matched in all (`capped`: at least so
/// many — the rarest word's candidates were cut to its best `Search::candidates`).
#[derive(Debug, Clone)]
pub struct Found {
    pub items: Vec<(KnowledgeRecord, f64)>,
    pub total: usize,
    pub capped: bool,
}

/// A search ranks at most so many candidates: a word found in more documents is read for its
/// best-weighted documents only (unless a filter's tag is rarer), and the other words are looked up among
/// those.
pub const CANDIDATES: usize = 5_000;

/// A further word filed by at most so many documents is read whole rather than looked up among the
/// candidates with a long list of ids (which PostgreSQL's generic plans answer slowly).
const READ_WHOLE: i64 = 40_000;

/// Ids per statement where a list of documents is bound (well under both engines' parameter limits).
const IDS_PER_STATEMENT: usize = 2_000;

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

/// How many documents file each of `terms` (the empty term: how many documents there are).
async fn term_counts(conn: &mut AnyConnection, terms: &[&str]) -> Result<HashMap<String, i64>> {
    let sql = format!("SELECT term, docs FROM knowledge_terms WHERE term IN ({})", placeholders(1, terms.len()));
    let mut query = sqlx::query(sqlx::AssertSqlSafe(sql));
    for t in terms {
        query = query.bind(t.to_string());
    }
    let rows = query.fetch_all(conn).await?;
    rows.iter().map(|r| Ok((r.s("term")?, r.i("docs")?))).collect()
}

/// A query word with what the counts say of it: the documents filing its commonest variant (a lower bound
/// of those holding the word, taken for its rarity) and all its variants together (an upper bound).
struct Counted<'a> {
    word: &'a QueryWord,
    docs: i64,
    at_most: i64,
}

/// Keeps, for each document of `rows`, its best weight (a word's variants may each find it).
fn best_weights(rows: &[AnyRow], into: &mut HashMap<String, i64>) -> Result<()> {
    for r in rows {
        let w = r.i("weight")?;
        let best = into.entry(r.s("doc_id")?).or_insert(w);
        *best = (*best).max(w);
    }
    Ok(())
}

/// Every posting of `word`.
async fn postings(conn: &mut AnyConnection, word: &QueryWord) -> Result<HashMap<String, i64>> {
    let sql = format!(
        "SELECT doc_id, weight FROM knowledge_postings WHERE term IN ({})",
        placeholders(1, word.variants.len())
    );
    let mut query = sqlx::query(sqlx::AssertSqlSafe(sql));
    for v in &word.variants {
        query = query.bind(v.clone());
    }
    let mut out = HashMap::new();
    best_weights(&query.fetch_all(conn).await?, &mut out)?;
    Ok(out)
}

/// The best-weighted `candidates` documents of `word` (read best first from the index, each variant cut
/// there), and whether any were left out.
async fn best_postings(
    conn: &mut AnyConnection,
    word: &QueryWord,
    candidates: usize,
) -> Result<(HashMap<String, i64>, bool)> {
    let mut out = HashMap::new();
    let mut cut = false;
    for v in &word.variants {
        let sql = format!(
            "SELECT doc_id, weight FROM knowledge_postings WHERE term = $1
             ORDER BY weight DESC, doc_id DESC LIMIT {}",
            candidates + 1
        );
        let rows = sqlx::query(sqlx::AssertSqlSafe(sql)).bind(v.clone()).fetch_all(&mut *conn).await?;
        cut |= rows.len() > candidates;
        best_weights(&rows[..rows.len().min(candidates)], &mut out)?;
    }
    if out.len() > candidates {
        let mut ranked: Vec<(String, i64)> = out.into_iter().collect();
        ranked.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| b.0.cmp(&a.0)));
        ranked.truncate(candidates);
        return Ok((ranked.into_iter().collect(), true));
    }
    Ok((out, cut))
}

/// The postings of `word` among the documents `among`.
async fn postings_among(conn: &mut AnyConnection, word: &QueryWord, among: &[&String]) -> Result<HashMap<String, i64>> {
    let mut out = HashMap::new();
    for ids in among.chunks(IDS_PER_STATEMENT) {
        let sql = format!(
            "SELECT doc_id, weight FROM knowledge_postings WHERE term IN ({}) AND doc_id IN ({})",
            placeholders(1, word.variants.len()),
            placeholders(word.variants.len() + 1, ids.len())
        );
        let mut query = sqlx::query(sqlx::AssertSqlSafe(sql));
        for v in &word.variants {
            query = query.bind(v.clone());
        }
        for id in ids {
            query = query.bind((*id).clone());
        }
        best_weights(&query.fetch_all(&mut *conn).await?, &mut out)?;
    }
    Ok(out)
}

/// Of the filters' tags, the one fewest documents carry when at most `candidates` do, with those documents.
async fn rarest_tag(conn: &mut AnyConnection, tags: &[String], candidates: usize) -> Result<Option<Vec<String>>> {
    let mut best: Option<Vec<String>> = None;
    for tag in tags {
        let sql = format!("SELECT doc_id FROM knowledge_tags WHERE tag = $1 LIMIT {}", candidates + 1);
        let ids: Vec<String> =
            sqlx::query_scalar(sqlx::AssertSqlSafe(sql)).bind(tag.clone()).fetch_all(&mut *conn).await?;
        if ids.len() <= candidates && best.as_ref().is_none_or(|b| ids.len() < b.len()) {
            best = Some(ids);
        }
    }
    Ok(best)
}

/// Of `ids`, those the reader may see and that carry every tag.
async fn visible(conn: &mut AnyConnection, reader: &Reader, tags: &[String], ids: &[&String]) -> Result<Vec<String>> {
    let mut out = Vec::new();
    for chunk in ids.chunks(IDS_PER_STATEMENT) {
        let (filter, values) = filters(reader, tags, chunk.len() + 1);
        let sql = format!("SELECT id FROM knowledge_documents WHERE id IN ({}){filter}", placeholders(1, chunk.len()));
        let mut query = sqlx::query_scalar::<_, String>(sqlx::AssertSqlSafe(sql));
        for id in chunk {
            query = query.bind((*id).clone());
        }
        for v in values {
            query = query.bind(v);
        }
        out.extend(query.fetch_all(&mut *conn).await?);
    }
    Ok(out)
}

/// The documents of `ids` (those that still exist), by id.
async fn get_many(conn: &mut AnyConnection, ids: &[&String]) -> Result<HashMap<String, KnowledgeRecord>> {
    if ids.is_empty() {
        return Ok(HashMap::new());
    }
    let sql = format!("{DOC} WHERE id IN ({})", placeholders(1, ids.len()));
    let mut query = sqlx::query(sqlx::AssertSqlSafe(sql));
    for id in ids {
        query = query.bind((*id).clone());
    }
    query.fetch_all(conn).await?.iter().map(|r| Ok((r.s("id")?, doc_row(r)?))).collect()
}

/// Searches the documents the reader may see: every word must be found (any of its variants); documents
/// are ranked by BM25 (the weights kept with the postings times each word's rarity). The rarest word is
/// read first — or the rarest tag, when every word is common — and the others looked up among its
/// documents, so a search reads a few thousand postings however large the corpus. Without words, the
/// newest documents carrying the tags.
pub async fn search(conn: &mut AnyConnection, reader: &Reader, q: &Search) -> Result<Found> {
    if q.words.is_empty() {
        return browse(conn, reader, q).await;
    }
    let empty = Found { items: Vec::new(), total: 0, capped: false };
    let mut asked: Vec<&str> = vec![""];
    asked.extend(q.words.iter().flat_map(|w| w.variants.iter().map(String::as_str)));
    let counts = term_counts(conn, &asked).await?;
    let n = counts.get("").copied().unwrap_or(0);
    let mut words: Vec<Counted> = q
        .words
        .iter()
        .map(|word| {
            let of = |v: &String| counts.get(v).copied().unwrap_or(0).max(0);
            let docs = word.variants.iter().map(of).max().unwrap_or(0);
            Counted { word, docs, at_most: word.variants.iter().map(of).sum() }
        })
        .collect();
    if words.iter().any(|w| w.docs == 0) {
        return Ok(empty);
    }
    words.sort_by(|a, b| a.at_most.cmp(&b.at_most).then_with(|| a.word.word.cmp(&b.word.word)));

    // The candidates, each with its score so far, and the words still to look up among them.
    let (mut scores, capped, rest): (HashMap<String, f64>, bool, &[Counted]) = {
        let first = &words[0];
        let idf = terms::idf(first.docs, n);
        let weighted = |m: HashMap<String, i64>| m.into_iter().map(|(id, w)| (id, idf * w as f64 / 1000.0)).collect();
        if first.at_most <= q.candidates as i64 {
            (weighted(postings(conn, first.word).await?), false, &words[1..])
        } else if let Some(ids) = rarest_tag(conn, &q.tags, q.candidates).await? {
            (ids.into_iter().map(|id| (id, 0.0)).collect(), false, &words[..])
        } else {
            let (best, cut) = best_postings(conn, first.word, q.candidates).await?;
            (weighted(best), cut, &words[1..])
        }
    };
    for w in rest {
        if scores.is_empty() {
            break;
        }
        let idf = terms::idf(w.docs, n);
        // A word of up to `READ_WHOLE` postings (or about as rare as the candidates) is read whole, by its
        // term's key range, which both engines do fast; only a commoner one is looked up among the candidates.
        let found = if w.at_most <= READ_WHOLE.max(4 * scores.len() as i64) {
            postings(conn, w.word).await?
        } else {
            let ids: Vec<&String> = scores.keys().collect();
            postings_among(conn, w.word, &ids).await?
        };
        scores = scores
            .into_iter()
            .filter_map(|(id, s)| found.get(&id).map(|weight| (id.clone(), s + idf * *weight as f64 / 1000.0)))
            .collect();
    }
    let ids: Vec<&String> = scores.keys().collect();
    let seen = visible(conn, reader, &q.tags, &ids).await?;
    let mut ranked: Vec<(&String, f64)> = seen.iter().filter_map(|id| scores.get(id).map(|s| (id, *s))).collect();
    ranked.sort_by(|a, b| b.1.total_cmp(&a.1).then_with(|| a.0.cmp(b.0)));
    let total = ranked.len();
    let page: Vec<(&String, f64)> = ranked.into_iter().skip(q.offset).take(q.limit).collect();
    let mut docs = get_many(conn, &page.iter().map(|(id, _)| *id).collect::<Vec<_>>()).await?;
    let items = page.into_iter().filter_map(|(id, score)| docs.remove(id).map(|d| (d, score))).collect();
    Ok(Found { items, total, capped })
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
    Ok(Found { items, total, capped: false })
}
