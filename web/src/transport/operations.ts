/**
 * What the live hook sends. Components declare their own fragments; these documents only spread
 * them (`...RunBlock_run`, `...LecturePage_lecture`) and add the few fields the hook itself reads
 * to merge, order and refresh: a run's id, version, creation time, status and current step.
 */
import { graphql } from '../gql';

export const LiveRunFragment = graphql(`
  fragment LiveRun on WorkflowRun {
    id
    version
    createdAt
    status
    currentStep
    ...RunBlock_run
  }
`);

export const UserErrorsFragment = graphql(`
  fragment UserErrors on UserError {
    field
    message
    code
  }
`);

export const LecturePanelQuery = graphql(`
  query LecturePanel($id: ID!) {
    lecture(id: $id) {
      id
      title
      ...LecturePage_lecture
    }
  }
`);

/** One page of a lecture's runs, newest first; the panel shows them oldest first. */
export const LectureRunsQuery = graphql(`
  query LectureRuns($id: ID!, $first: Int!, $after: String) {
    lecture(id: $id) {
      id
      runs(first: $first, after: $after, order: NEWEST_FIRST) {
        nodes {
          ...LiveRun
        }
        pageInfo {
          hasNextPage
          endCursor
        }
      }
    }
  }
`);

/** The runs a change named, in one request. */
export const RunsByIdsQuery = graphql(`
  query RunsByIds($ids: [ID!]!) {
    nodes(ids: $ids) {
      __typename
      ... on WorkflowRun {
        ...LiveRun
      }
    }
  }
`);

/** IDs only; the hook re-reads them. `after`: the last cursor seen, so a reconnect misses nothing. */
export const LectureRunChangesSubscription = graphql(`
  subscription LectureRunChanges($lectureId: ID!, $after: String) {
    runChanges(lectureId: $lectureId, after: $after) {
      runIds
      cursor
    }
  }
`);

export const StartRunMutation = graphql(`
  mutation StartRun($input: StartRunInput!) {
    startRun(input: $input) {
      run {
        ...LiveRun
      }
      userErrors {
        ...UserErrors
      }
    }
  }
`);

export const StartRunFromPromptMutation = graphql(`
  mutation StartRunFromPrompt($input: StartRunFromPromptInput!) {
    startRunFromPrompt(input: $input) {
      run {
        ...LiveRun
      }
      userErrors {
        ...UserErrors
      }
    }
  }
`);

export const ResolveHumanRequestMutation = graphql(`
  mutation ResolveHumanRequest($input: ResolveHumanRequestInput!) {
    resolveHumanRequest(input: $input) {
      run {
        ...LiveRun
      }
      userErrors {
        ...UserErrors
      }
    }
  }
`);

export const CancelRunMutation = graphql(`
  mutation CancelRun($input: RunInput!) {
    cancelRun(input: $input) {
      run {
        ...LiveRun
      }
      userErrors {
        ...UserErrors
      }
    }
  }
`);

export const RerunRunMutation = graphql(`
  mutation RerunRun($input: RunInput!) {
    rerunRun(input: $input) {
      run {
        ...LiveRun
      }
      userErrors {
        ...UserErrors
      }
    }
  }
`);

/** Resume a failed or cancelled run as a new linked run, from `fromStep` (default: where it stopped). */
export const RetryRunMutation = graphql(`
  mutation RetryRun($input: RetryRunInput!) {
    retryRun(input: $input) {
      run {
        ...LiveRun
      }
      userErrors {
        ...UserErrors
      }
    }
  }
`);

/** The Configuration tab's Save; the lecture comes back as the page shows it. */
export const UpdateLectureConfigurationMutation = graphql(`
  mutation UpdateLectureConfiguration($input: UpdateLectureConfigurationInput!) {
    updateLectureConfiguration(input: $input) {
      lecture {
        id
        title
        ...LecturePage_lecture
      }
      userErrors {
        ...UserErrors
      }
    }
  }
`);

/** The lecture picker: the viewer's lectures, newest first. */
export const LecturesQuery = graphql(`
  query Lectures($first: Int!, $after: String) {
    lectures(first: $first, after: $after) {
      nodes {
        id
        title
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);

export const CreateLectureMutation = graphql(`
  mutation CreateLecture($input: CreateLectureInput!) {
    createLecture(input: $input) {
      lecture {
        id
        title
      }
      userErrors {
        ...UserErrors
      }
    }
  }
`);
