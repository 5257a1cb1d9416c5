// One save of a settings form: busy while it runs, the server's sentence as the error (the core
// validates and says why), a short confirmation when it is done.
import { ref } from 'vue';
import { ElMessage } from 'element-plus';

export function useSave() {
  const saving = ref(false);
  const error = ref('');
  /** `work` returns false when there was nothing to save (no confirmation then). */
  async function save(work: () => Promise<boolean | void>, done: string): Promise<void> {
    saving.value = true;
    error.value = '';
    try {
      if ((await work()) !== false) ElMessage.success(done);
    } catch (e) {
      error.value = (e as Error).message;
    } finally {
      saving.value = false;
    }
  }
  return { saving, error, save };
}
