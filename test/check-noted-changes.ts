// Every store a unit test makes fails a commit on a change to the state that the services did
// not note (mock/store/marks.ts): a missed `changed()` would be lost on restart.
import { checkNotedChanges } from '../mock/store/marks.ts';

checkNotedChanges(true);
