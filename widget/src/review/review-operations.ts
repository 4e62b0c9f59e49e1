// The operations the review page sends: the queue of changesets, one changeset with its edits and
// comments, the review mutations, and a record's history. Names follow docs/editing.md's contract.

const CHANGESET_SUMMARY = /* GraphQL */ `
  fragment ChangesetSummary on Changeset {
    id
    comment
    kind
    status
    authorName
    createdAt
    submittedAt
  }
`;

const FIELD_CHANGES = /* GraphQL */ `
  fragment FieldChanges on FieldChange {
    field
    before
    after
  }
`;

/** OPEN changesets are asked for only by editors: the queue is what awaits review. */
export const REVIEW_QUEUE = /* GraphQL */ `
  query ReviewQueue($withOpen: Boolean!, $first: Int!) {
    submitted: changesets(status: SUBMITTED, first: $first) {
      ...ChangesetSummary
    }
    open: changesets(status: OPEN, first: $first) @include(if: $withOpen) {
      ...ChangesetSummary
    }
  }
  ${CHANGESET_SUMMARY}
`;

export const REVIEW_CHANGESET = /* GraphQL */ `
  query ReviewChangeset($id: ID!) {
    changeset(id: $id) {
      ...ChangesetSummary
      reviewerName
      reviewedAt
      reviewComment
      revertOf
      revertedBy
      subgraphs
      edits {
        subgraph
        entity
        recordId
        op
        state
        baseVersion
        authorName
        createdAt
        changes {
          ...FieldChanges
        }
        source {
          document
          url
          quote
          language
          publishedOn
        }
      }
      comments {
        authorName
        at
        text
      }
    }
  }
  ${CHANGESET_SUMMARY}
  ${FIELD_CHANGES}
`;

const REVIEWED = /* GraphQL */ `
  fragment Reviewed on Changeset {
    id
    status
    reviewerName
    reviewedAt
  }
`;

export const APPLY_CHANGESET = /* GraphQL */ `
  mutation ApplyChangeset($id: ID!, $comment: String) {
    applyChangeset(id: $id, comment: $comment) {
      ...Reviewed
    }
  }
  ${REVIEWED}
`;

export const REJECT_CHANGESET = /* GraphQL */ `
  mutation RejectChangeset($id: ID!, $comment: String!) {
    rejectChangeset(id: $id, comment: $comment) {
      ...Reviewed
    }
  }
  ${REVIEWED}
`;

export const COMMENT_ON_CHANGESET = /* GraphQL */ `
  mutation CommentOnChangeset($id: ID!, $text: String!) {
    commentOnChangeset(id: $id, text: $text) {
      id
    }
  }
`;

/** The entity types whose records keep a history, and the query field that looks one up by id. */
export const HISTORY_ENTITIES = {
  City: "city",
  Partnership: "partnership",
  Agreement: "agreement",
  Project: "project",
  Visit: "visit",
  NewsItem: "newsItem",
  Event: "event",
} as const;

export type HistoryEntity = keyof typeof HISTORY_ENTITIES;

export function isHistoryEntity(value: string): value is HistoryEntity {
  return Object.hasOwn(HISTORY_ENTITIES, value);
}

/** The field name comes from the fixed table above, never from what the reviewer typed. */
export function recordHistoryQuery(entity: HistoryEntity): string {
  return /* GraphQL */ `
  query RecordHistory($id: ID!, $first: Int!) {
    record: ${HISTORY_ENTITIES[entity]}(id: $id) {
      history(first: $first) {
        entity
        recordId
        version
        changesetId
        authorName
        at
        op
        changes {
          ...FieldChanges
        }
        source {
          document
          url
          quote
          language
          publishedOn
        }
      }
    }
  }
  ${FIELD_CHANGES}
`;
}

export type ChangesetStatus = "OPEN" | "SUBMITTED" | "APPLYING" | "APPLIED" | "REJECTED";

export interface ChangesetSummary {
  id: string;
  comment: string;
  kind: string;
  status: ChangesetStatus;
  authorName: string;
  createdAt: string;
  submittedAt: string | null;
}

export interface FieldChange {
  field: string;
  before: string | null;
  after: string | null;
}

export interface SourceValue {
  document: string;
  url: string | null;
  quote: string | null;
  language: string | null;
  publishedOn: string | null;
}

export interface ProposedEdit {
  subgraph: string;
  entity: string;
  recordId: string;
  op: string;
  state: string;
  baseVersion: number | null;
  authorName: string;
  createdAt: string;
  changes: FieldChange[];
  source: SourceValue;
}

export interface ChangesetComment {
  authorName: string;
  at: string;
  text: string;
}

export interface ChangesetDetail extends ChangesetSummary {
  reviewerName: string | null;
  reviewedAt: string | null;
  reviewComment: string | null;
  revertOf: string | null;
  revertedBy: string | null;
  subgraphs: string[];
  edits: ProposedEdit[];
  comments: ChangesetComment[];
}

export interface RecordChange {
  entity: string;
  recordId: string;
  version: number;
  changesetId: string;
  authorName: string;
  at: string;
  op: string;
  changes: FieldChange[];
  source: SourceValue | null;
}

export interface ReviewQueueData {
  submitted: ChangesetSummary[];
  open?: ChangesetSummary[];
}

export interface ReviewChangesetData {
  changeset: ChangesetDetail | null;
}

export interface ReviewedData {
  applyChangeset?: Pick<ChangesetDetail, "id" | "status" | "reviewerName" | "reviewedAt">;
  rejectChangeset?: Pick<ChangesetDetail, "id" | "status" | "reviewerName" | "reviewedAt">;
}

export interface RecordHistoryData {
  record: { history: RecordChange[] } | null;
}
