import { ROLE_LABELS, type StaffSummary } from '../../../shared/domain/staff';

export function StaffPicker({
  staff,
  selected,
  onSelect,
  label,
}: {
  staff: StaffSummary[];
  selected: string | null;
  onSelect: (id: string) => void;
  label: string;
}) {
  return (
    <div className="picker" role="group" aria-label={label}>
      {staff.map((member) => (
        <button
          key={member.id}
          type="button"
          className="picker__item"
          aria-pressed={selected === member.id}
          onClick={() => onSelect(member.id)}
        >
          <span className="picker__name">{member.name}</span>
          <span className="muted">{ROLE_LABELS[member.role]}</span>
        </button>
      ))}
    </div>
  );
}
