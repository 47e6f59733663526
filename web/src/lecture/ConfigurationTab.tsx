import { ConfigurationForm } from '../configuration/ConfigurationForm';
import { getFragmentData, graphql } from '../gql';
import type { FragmentType } from '../gql';
import type { LectureConfigurationEdit } from '../gql/graphql';
import type { UserErrorView } from '../transport/userErrors';

export const ConfigurationTabFragment = graphql(`
  fragment ConfigurationTab_lecture on Lecture {
    config {
      ...ConfigurationForm_configuration
    }
  }
`);

/** The lecture's saved configuration, editable; Save sends only what changed. */
export function ConfigurationTab({
  lecture: lectureRef,
  onSave,
}: {
  lecture: FragmentType<typeof ConfigurationTabFragment>;
  onSave: (edits: LectureConfigurationEdit) => Promise<readonly UserErrorView[]>;
}) {
  const lecture = getFragmentData(ConfigurationTabFragment, lectureRef);
  return (
    <div className="tab-content">
      <p className="tab-content__intro">
        Every generation uses these settings. A full video started from a prompt proposes changes for
        you to review first.
      </p>
      {/* Remount on a new saved configuration, so the form starts from it. */}
      <ConfigurationForm
        key={JSON.stringify(lecture.config)}
        configuration={lecture.config}
        onSubmit={onSave}
        submitLabel="Save"
        submitUnchanged={false}
      />
    </div>
  );
}
